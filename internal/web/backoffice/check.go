package backoffice

import (
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/auth"
)

// A Check decides from the subject alone whether a route may be entered;
// object-level checks (the agency of an id in the path) happen in the
// handler, also through auth.Can.
type Check func(s auth.Subject) bool

// Any lets every signed-in staff member in.
func Any(auth.Subject) bool { return true }

// Admin returns a Check for an installation-wide administrative action.
func Admin(a auth.Action) Check {
	return func(s auth.Subject) bool { return auth.Can(s, a, 0) }
}

// Business returns a Check passed when the subject may do a in its own
// agency or, for a supervisor, in any agency of its scope.
func Business(a auth.Action) Check {
	return func(s auth.Subject) bool {
		if auth.Can(s, a, s.AgencyID) {
			return true
		}
		for _, id := range s.Scope {
			if auth.Can(s, a, id) {
				return true
			}
		}
		return false
	}
}

// Either passes when any of the checks passes.
func Either(cs ...Check) Check {
	return func(s auth.Subject) bool {
		for _, c := range cs {
			if c(s) {
				return true
			}
		}
		return false
	}
}

// A HandlerFunc handles a request of a signed-in staff member who passed
// the route's Check; rq says who it is.
type HandlerFunc func(w http.ResponseWriter, r *http.Request, rq *Request)

// PathID parses the {id} of a route; a malformed id is "not found".
func PathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "")
	}
	return id, nil
}
