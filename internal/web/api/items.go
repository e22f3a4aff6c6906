package api

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
)

// Items reads the published catalogue; *catalog.Service is one. It never
// returns a draft or an item that is not 主动公开.
type Items interface {
	PublicList(ctx context.Context, q catalog.PublicQuery) ([]catalog.Record, error)
	PublicItem(ctx context.Context, indexNo string) (catalog.PublicView, error)
	PublicItemByID(ctx context.Context, id int64) (catalog.PublicView, error)
}

// maxItemsLimit bounds limit on GET /api/v1/items.
const maxItemsLimit = 100

// An ItemSummary is one item of GET /api/v1/items: the fields of
// gongkai.item/v1 (catalog.md §2) a list carries (no body, attachments or
// history, which GET /api/v1/items/{id} gives), with the item's portal
// path.
type ItemSummary struct {
	IndexNo string `json:"index_no"`
	Agency  string `json:"agency"`
	catalog.Content
	PublishedAt time.Time `json:"published_at"`
	URL         string    `json:"url"`
}

// ItemsPage is the answer of GET /api/v1/items: a page of items, newest
// first publication first, and the cursor of the next page ("" on the
// last).
type ItemsPage struct {
	Items      []ItemSummary `json:"items"`
	NextCursor string        `json:"next_cursor"`
}

// itemsList answers GET /api/v1/items (条例第二十四条; catalog.md §6: all
// item data through /api/v1): public, limited per client address.
func (a *API) itemsList(w http.ResponseWriter, r *http.Request) {
	if !a.allowPublic(w, r) {
		return
	}
	if a.deps.Items == nil {
		writeError(w, r, http.StatusNotFound, "not found", "未找到 / not found")
		return
	}
	q, err := a.itemsQuery(r.Context(), r)
	if err != nil {
		if apperr.KindOf(err) == apperr.NotFound {
			writeError(w, r, http.StatusBadRequest, "invalid", "未找到该机关 / no such agency")
			return
		}
		writeError(w, r, http.StatusBadRequest, "invalid", err.Error())
		return
	}
	recs, err := a.deps.Items.PublicList(r.Context(), q)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	names, err := a.agencyNames(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	page := ItemsPage{Items: []ItemSummary{}}
	for _, rec := range recs {
		page.Items = append(page.Items, ItemSummary{IndexNo: rec.IndexNo, Agency: names[rec.AgencyID], Content: rec.Shown,
			PublishedAt: rec.FirstPublished.In(catalog.CST), URL: search.ItemURL(rec.IndexNo)})
	}
	if len(recs) == q.Limit {
		page.NextCursor = encodeCursor(catalog.CursorOf(recs[len(recs)-1]))
	}
	writeJSON(w, http.StatusOK, page)
}

// agencyNames returns every agency's name by id.
func (a *API) agencyNames(ctx context.Context) (map[int64]string, error) {
	as, err := a.deps.Agencies.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(as))
	for _, ag := range as {
		out[ag.ID] = ag.Name
	}
	return out, nil
}

// itemsQuery reads GET /api/v1/items' query string: agency (a name or id,
// with its subtree unless subtree=false), column, doc_type, validity,
// year, cursor and limit.
func (a *API) itemsQuery(ctx context.Context, r *http.Request) (catalog.PublicQuery, error) {
	v := r.URL.Query()
	q := catalog.PublicQuery{Limit: defaultPerPage}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxItemsLimit {
			return q, errors.New("limit 应为 1–100 的整数 / limit must be an integer 1–100")
		}
		q.Limit = n
	}
	if name := strings.TrimSpace(v.Get("agency")); name != "" {
		ids, err := agencyFilter(ctx, a.deps.Agencies, name, v.Get("subtree") != "false")
		if err != nil {
			return q, err
		}
		q.AgencyIDs = ids
	}
	if c := strings.Trim(v.Get("column"), "/ "); c != "" {
		if err := catalog.CheckPath(c); err != nil {
			return q, errors.New("column 应为栏目路径，如 rules/normative / column must be a column path such as rules/normative")
		}
		q.Category = c
	}
	if t := v.Get("doc_type"); t != "" {
		if !catalog.DocType(t).Valid() {
			return q, errors.New("doc_type 无效 / unknown doc_type")
		}
		q.DocType = catalog.DocType(t)
	}
	if t := v.Get("validity"); t != "" {
		if !catalog.Validity(t).Valid() {
			return q, errors.New("validity 无效 / unknown validity")
		}
		q.Validity = catalog.Validity(t)
	}
	if s := v.Get("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 2008 || y > 2200 {
			return q, errors.New("year 应为 2008–2200 的年份 / year must be a year 2008–2200")
		}
		q.Year = y
	}
	if s := v.Get("cursor"); s != "" {
		c, err := decodeCursor(s)
		if err != nil {
			return q, errors.New("cursor 无效 / invalid cursor")
		}
		q.After = c
	}
	return q, nil
}

// A cursor is opaque to callers: the base64url of the first publication
// (RFC 3339, nanoseconds) and the id of the last item of a page.
func encodeCursor(c catalog.Cursor) string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.Published.UTC().Format(time.RFC3339Nano) + "|" + strconv.FormatInt(c.ID, 10)))
}

func decodeCursor(s string) (catalog.Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return catalog.Cursor{}, err
	}
	at, id, ok := strings.Cut(string(b), "|")
	if !ok {
		return catalog.Cursor{}, errors.New("cursor: no separator")
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return catalog.Cursor{}, err
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return catalog.Cursor{}, errors.New("cursor: bad id")
	}
	return catalog.Cursor{Published: t, ID: n}, nil
}

// itemShow answers GET /api/v1/items/{id}: the gongkai.item/v1 object of a
// published item, by its id or its 索引号 (path-escaped, "/" as %2F). A
// draft, an item never published and an unknown id are the same 404; a
// withdrawn item is 410 Gone, saying when it was withdrawn.
func (a *API) itemShow(w http.ResponseWriter, r *http.Request) {
	if !a.allowPublic(w, r) {
		return
	}
	if a.deps.Items == nil {
		writeError(w, r, http.StatusNotFound, "not found", "未找到 / not found")
		return
	}
	key := r.PathValue("id")
	var pv catalog.PublicView
	var err error
	if id, e := strconv.ParseInt(key, 10, 64); e == nil {
		pv, err = a.deps.Items.PublicItemByID(r.Context(), id)
	} else {
		pv, err = a.deps.Items.PublicItem(r.Context(), key)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if pv.Withdrawal != nil {
		day := calendar.Of(pv.Withdrawal.At.In(catalog.CST)).String()
		writeError(w, r, http.StatusGone, "withdrawn", "该信息已于 "+day+" 撤回 / withdrawn on "+day)
		return
	}
	ag, err := a.deps.Agencies.Agency(r.Context(), pv.Record.AgencyID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ij := pv.JSON(ag.Name, func(n int) string {
		return "/catalog/files/" + strconv.Itoa(n) + "/" + strings.TrimPrefix(search.ItemURL(pv.Record.IndexNo), "/catalog/items/")
	})
	ij.PublishedAt = ij.PublishedAt.In(catalog.CST)
	writeJSON(w, http.StatusOK, ij)
}
