package office

import "github.com/gongkai/gongkai/internal/web"

// Messages are the business pages' texts, Chinese first: those of the
// request, catalogue and annual-report pages.
var Messages = func() web.Messages {
	m := web.Messages{}
	for _, set := range []web.Messages{requestMessages, catalogMessages, reportMessages, partiesMessages, actionsMessages, hazardMessages, siteMessages, releaseMessages} {
		for k, v := range set {
			m[k] = v
		}
	}
	return m
}()
