package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/attachtext"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// runSearch implements `gongkai search [--agency NAME] [--json] [--limit N]
// QUERY...` (catalog.md §5): the platform search of 条例第二十四条 from the
// command line, printing what GET /api/v1/search returns; and `gongkai
// search reindex [--agency NAME]`, which rebuilds the index (after an
// upgrade that brings search to items published before it). To search for
// the word "reindex" itself, put -- before it.
func runSearch(ctx context.Context, env Env) int {
	if len(env.Args) > 0 && env.Args[0] == "reindex" {
		return runSearchReindex(ctx, Env{Args: env.Args[1:], Stdin: env.Stdin, Stdout: env.Stdout, Stderr: env.Stderr})
	}
	const usage = "gongkai search [--agency NAME] [--json] [--limit N] QUERY...  |  gongkai search reindex [--agency NAME]"
	fs := reportFlagSet("search", env, usage)
	var sf storeFlags
	sf.register(fs)
	agencyName := fs.String("agency", "", "只检索该机关及其下级机关 / only this agency and those below it")
	asJSON := fs.Bool("json", false, "以 JSON 输出，与 GET /api/v1/search 相同 / write the JSON of GET /api/v1/search")
	limit := fs.Int("limit", 20, "最多显示条数（1–100）/ results to show (1–100)")
	terms, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(terms) == 0 || *limit < 1 || *limit > search.MaxPerPage {
		fs.Usage()
		return ExitUsage
	}
	st, _, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "search", err)
	}
	defer st.Close()
	var f search.Filter
	if *agencyName != "" {
		ag, err := st.AgencyByName(ctx, agency.NormalizeName(*agencyName))
		if err != nil {
			return fail(env.Stderr, "search", fmt.Errorf("机关“%s”: %w", *agencyName, err))
		}
		if f.AgencyIDs, err = st.Subtree(ctx, ag.ID); err != nil {
			return fail(env.Stderr, "search", err)
		}
	}
	q := ""
	for i, t := range terms {
		if i > 0 {
			q += " "
		}
		q += t
	}
	p, err := search.Search(ctx, st, q, f, 1, *limit)
	if err != nil {
		var pe search.ParseError
		if errors.As(err, &pe) {
			return usageError(env.Stderr, "gongkai search: "+pe.Msg)
		}
		return fail(env.Stderr, "search", err)
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p.JSON()); err != nil {
			return fail(env.Stderr, "search", err)
		}
		return ExitOK
	}
	writeSearchText(env.Stdout, p)
	return ExitOK
}

// writeSearchText prints the total and each result: title, agency, date,
// 索引号 (for a report, its column 政府信息公开年报 and its page), and the
// passage with the hits in 【】.
func writeSearchText(w io.Writer, p search.Page) {
	fmt.Fprintf(w, "共 %d 条 / %d results\n", p.Total, p.Total)
	if p.RankedAmong > 0 {
		fmt.Fprintf(w, "（单字检索：在最近索引的 %d 条中排序 / single characters: ranked among the %d last indexed）\n", p.RankedAmong, p.RankedAmong)
	}
	js := p.JSON().Items
	for i, r := range p.Items {
		where := r.IndexNo
		if where == "" {
			where = search.ReportColumnName + " " + r.URL
		}
		fmt.Fprintf(w, "\n%d. %s\n   %s  %s  %s\n   %s\n", i+1, r.Title, r.Agency, js[i].PublishedAt[:10], where, r.Snippet.Text("【", "】"))
	}
}

// runSearchReindex implements `gongkai search reindex [--agency NAME]`.
func runSearchReindex(ctx context.Context, env Env) int {
	const usage = "gongkai search reindex [--agency NAME]"
	fs := reportFlagSet("reindex", env, usage)
	var sf storeFlags
	sf.register(fs)
	agencyName := fs.String("agency", "", "只重建该机关及其下级机关的索引 / only this agency and those below it")
	pos, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if len(pos) != 0 {
		fs.Usage()
		return ExitUsage
	}
	st, cfg, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "search reindex", err)
	}
	defer st.Close()
	bs, err := openBlobs(ctx, st, cfg)
	if err != nil {
		return fail(env.Stderr, "search reindex", err)
	}
	defer bs.Close()
	var ids []int64
	if *agencyName != "" {
		ag, err := st.AgencyByName(ctx, agency.NormalizeName(*agencyName))
		if err != nil {
			return fail(env.Stderr, "search reindex", fmt.Errorf("机关“%s”: %w", *agencyName, err))
		}
		if ids, err = st.Subtree(ctx, ag.ID); err != nil {
			return fail(env.Stderr, "search reindex", err)
		}
	}
	var bar *progress
	n := 0
	err = st.ReindexSearch(ctx, ids, func(done, total int) {
		if bar == nil {
			bar = newProgress(env.Stderr, "索引 indexing", total)
		}
		bar.Set(done)
		n = total
	})
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return fail(env.Stderr, "search reindex", err)
	}
	fmt.Fprintf(env.Stdout, "已重建检索索引：%d 条信息 / search index rebuilt: %d items\n", n, n)
	if err := extractAttachments(ctx, env, st, bs, ids); err != nil {
		return fail(env.Stderr, "search reindex", err)
	}
	if err := mergeSearch(ctx, env, st); err != nil { // an agency's documents are left fresh
		return fail(env.Stderr, "search reindex", err)
	}
	return ExitOK
}

// extractAttachments extracts the text of every pending attachment of the
// agencies' items now (whatever its retry time), with a progress line,
// and prints how many attachments are in each state, with the failures.
func extractAttachments(ctx context.Context, env Env, st *sqlstore.Store, bs blob.Store, ids []int64) error {
	before, err := st.AttachmentStatus(ctx, ids)
	if err != nil {
		return err
	}
	bar := newProgress(env.Stderr, "附件 attachments", before.Counts[attachtext.Pending])
	w := &attachtext.Worker{Queue: st, Blobs: bs}
	if _, err := w.RunOnce(ctx, true, ids, func(p attachtext.Pass) { bar.Set(p.Total()) }); err != nil {
		bar.Finish()
		return err
	}
	bar.Finish()
	after, err := st.AttachmentStatus(ctx, ids)
	if err != nil {
		return err
	}
	c := after.Counts
	fmt.Fprintf(env.Stdout, "附件文字：已提取 %d，待重试 %d，失败 %d，无文字 %d / attachment text: %d extracted, %d to retry, %d failed, %d without text\n",
		c[attachtext.Done], c[attachtext.Pending], c[attachtext.Failed], c[attachtext.Skipped],
		c[attachtext.Done], c[attachtext.Pending], c[attachtext.Failed], c[attachtext.Skipped])
	for _, f := range after.Failed {
		fmt.Fprintf(env.Stdout, "  失败 failed: %s %s（%d 次 attempts）: %s\n", f.IndexNo, f.Name, f.Attempts, f.Error)
	}
	return nil
}
