package cli

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// catalogCommands are the subcommands of `gongkai catalog`.
var catalogCommands = []subcommand{
	{"import", "导入主动公开信息（JSON Lines，全部或全不）/ import items, all or nothing: import --agency NAME FILE", runCatalogImport},
	{"export", "导出主动公开信息 / export an agency's items: export --agency NAME -o FILE", runCatalogExport},
	{"profile", "设置统一社会信用代码和机关层级，列出目录 / set the credit code and level, list the columns: profile --agency NAME [--credit-code CODE] [--level county|township|other]", runCatalogProfile},
}

// runCatalog dispatches `gongkai catalog <subcommand>`.
func runCatalog(ctx context.Context, env Env) int {
	return dispatchStore(ctx, env, "catalog", catalogCommands,
		"0 成功 done · 1 文件有错误，未导入 the file has errors, nothing imported · 2 参数错误或无法读取 bad usage or unreadable input")
}

// openCatalog opens the store, the blob store beside it and the catalogue
// service, and finds the agency.
func openCatalog(ctx context.Context, sf *storeFlags, agencyName string) (*sqlstore.Store, *catalog.Service, agency.Agency, func(), error) {
	st, cfg, err := sf.open(ctx, true)
	if err != nil {
		return nil, nil, agency.Agency{}, nil, err
	}
	ag, err := st.AgencyByName(ctx, agency.NormalizeName(agencyName))
	if err != nil {
		st.Close()
		return nil, nil, agency.Agency{}, nil, fmt.Errorf("机关“%s”: %w", agencyName, err)
	}
	bs, err := openBlobs(ctx, st, cfg)
	if err != nil {
		st.Close()
		return nil, nil, agency.Agency{}, nil, err
	}
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		bs.Close()
		st.Close()
		return nil, nil, agency.Agency{}, nil, err
	}
	svc, err := catalog.NewService(st, log)
	if err != nil {
		bs.Close()
		st.Close()
		return nil, nil, agency.Agency{}, nil, err
	}
	svc.Blobs = bs
	svc.Scanner = catalog.DocScanner{}
	return st, svc, ag, func() { bs.Close(); st.Close() }, nil
}

// importFiles finds attachments by path relative to the import file: in
// its directory, else in the zip with the file's name and .zip beside it.
type importFiles struct {
	dir string
	zr  *zip.ReadCloser
}

func openImportFiles(file string) (*importFiles, error) {
	f := &importFiles{dir: filepath.Dir(file)}
	zipPath := strings.TrimSuffix(file, filepath.Ext(file)) + ".zip"
	if _, err := os.Stat(zipPath); err == nil {
		zr, err := zip.OpenReader(zipPath)
		if err != nil {
			return nil, fmt.Errorf("无法打开附件包 %s: %w", zipPath, err)
		}
		f.zr = zr
	}
	return f, nil
}

// Open implements catalog.Files; name is a clean relative path (ReadItems
// refuses others).
func (f *importFiles) Open(name string) (io.ReadCloser, error) {
	if fh, err := os.Open(filepath.Join(f.dir, filepath.FromSlash(name))); err == nil {
		if st, err := fh.Stat(); err == nil && st.Mode().IsRegular() {
			return fh, nil
		}
		fh.Close()
	}
	if f.zr != nil {
		return f.zr.Open(name)
	}
	return nil, os.ErrNotExist
}

func (f *importFiles) Close() {
	if f.zr != nil {
		f.zr.Close()
	}
}

// printLineErrors lists an import file's problems: nothing was imported.
func printLineErrors(w io.Writer, path string, errs catalog.LineErrors) {
	fmt.Fprintf(w, "%s：有 %d 处错误，未导入任何信息（导入是全部或全不）：\n", path, len(errs))
	for _, e := range errs {
		fmt.Fprintln(w, e.Text(func(key string, args []any) string { return app.MessageText(key, args...) }))
	}
}

// runCatalogImport implements `gongkai catalog import --agency NAME FILE`
// (catalog.md §2): JSON Lines of gongkai.item/v1 become published items of
// the agency, keeping their 索引号 and dates, all or nothing.
func runCatalogImport(ctx context.Context, env Env) int {
	const usage = "gongkai catalog import --agency NAME FILE"
	a, code, ok := parseAgencyFile(env, usage, "导入到哪个机关 / the publishing agency")
	if !ok {
		return code
	}
	path := a.path
	in, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai catalog import: %v\n", err)
		return ExitUsage
	}
	defer in.Close()
	files, err := openImportFiles(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gongkai catalog import: %v\n", err)
		return ExitUsage
	}
	defer files.Close()
	st, svc, ag, closeAll, err := openCatalog(ctx, &a.sf, a.agency)
	if err != nil {
		return fail(env.Stderr, "catalog import", err)
	}
	defer closeAll()
	_, cols, err := svc.Profile(ctx, ag.ID, ag.Name)
	if err != nil {
		return fail(env.Stderr, "catalog import", err)
	}
	lines, err := catalog.ReadItems(in, ag.Name, catalog.NewTree(cols), files)
	var lerrs catalog.LineErrors
	if errors.As(err, &lerrs) {
		printLineErrors(env.Stdout, path, lerrs)
		return ExitFailure
	}
	if err != nil {
		return fail(env.Stderr, "catalog import", err)
	}
	res, err := svc.Import(ctx, audit.CLI, ag.ID, ag.Name, lines, files)
	if errors.As(err, &lerrs) {
		printLineErrors(env.Stdout, path, lerrs)
		return ExitFailure
	}
	if err != nil {
		return fail(env.Stderr, "catalog import", err)
	}
	fmt.Fprintf(env.Stdout, "已导入 %s：%d 条主动公开信息（其中已撤回 %d 条），附件 %d 个；%d 条晚于形成之日起 20 个工作日发布（条例第二十六条）。\n",
		ag.Name, res.Items, res.Withdrawn, res.Attachments, res.Late)
	fmt.Fprintf(env.Stdout, "imported %d items (%d withdrawn, %d attachments, %d late) into %s.\n", res.Items, res.Withdrawn, res.Attachments, res.Late, ag.Name)
	switch {
	case res.ScanNote != "":
		fmt.Fprintf(env.Stdout, "个人信息扫描：%s。\n", res.ScanNote)
	case len(res.Findings) == 0:
		fmt.Fprintln(env.Stdout, "个人信息扫描：未发现。")
	default:
		fmt.Fprintf(env.Stdout, "个人信息扫描发现 %d 处（已导入，请逐条核查后勘误或撤回）：\n", len(res.Findings))
		for _, f := range res.Findings {
			fmt.Fprintf(env.Stdout, "第 %d 行 %s  %s %s %s %s\n", f.Line, f.IndexNo, f.File, f.Where, f.Kind, f.Masked)
		}
	}
	// a large import leaves many fresh search documents (migration 00366):
	// their postings go into blocks now rather than at the server's next
	// hourly merge
	if err := mergeSearch(ctx, env, st); err != nil {
		return fail(env.Stderr, "catalog import", err)
	}
	return ExitOK
}

// mergeSearch writes the fresh search documents' postings into blocks
// once there are enough of them (sqlstore.MergeSearchPostings) and says
// how many it wrote.
func mergeSearch(ctx context.Context, env Env, st *sqlstore.Store) error {
	n, err := st.MergeSearchPostings(ctx)
	if n > 0 {
		fmt.Fprintf(env.Stdout, "检索索引已合并 / search postings merged into blocks: %d\n", n)
	}
	return err
}

// runCatalogExport implements `gongkai catalog export --agency NAME -o
// FILE`: every published item as JSON Lines, attachments in FILE's name
// with .zip beside it.
func runCatalogExport(ctx context.Context, env Env) int {
	const usage = "gongkai catalog export --agency NAME -o FILE"
	fs := reportFlagSet("export", env, usage)
	var sf storeFlags
	sf.register(fs)
	agencyName := fs.String("agency", "", "机关名称 / the agency")
	out := fs.String("o", "", "输出文件（.jsonl）/ output file")
	pos, code, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return code
	}
	if *agencyName == "" || *out == "" || len(pos) != 0 {
		fs.Usage()
		return ExitUsage
	}
	_, svc, ag, closeAll, err := openCatalog(ctx, &sf, *agencyName)
	if err != nil {
		return fail(env.Stderr, "catalog export", err)
	}
	defer closeAll()
	res, err := exportCatalog(ctx, svc, ag, *out)
	if err != nil {
		return fail(env.Stderr, "catalog export", err)
	}
	fmt.Fprintf(env.Stdout, "已导出 %s：%d 条主动公开信息，附件 %d 个 → %s\n", ag.Name, res.Items, res.Attachments, *out)
	return ExitOK
}

// exportCatalog writes the JSON Lines file and, when there are
// attachments, the zip beside it; on an error it leaves neither.
func exportCatalog(ctx context.Context, svc *catalog.Service, ag agency.Agency, out string) (catalog.ExportResult, error) {
	zipPath := strings.TrimSuffix(out, filepath.Ext(out)) + ".zip"
	f, err := os.Create(out)
	if err != nil {
		return catalog.ExportResult{}, err
	}
	zf, err := os.Create(zipPath)
	if err != nil {
		f.Close()
		os.Remove(out)
		return catalog.ExportResult{}, err
	}
	zw := zip.NewWriter(zf)
	put := func(name string, r io.Reader) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, r)
		return err
	}
	res, err := svc.Export(ctx, audit.CLI, ag.ID, ag.Name, f, put)
	err = errors.Join(err, zw.Close(), zf.Close(), f.Close())
	if err != nil || res.Attachments == 0 {
		os.Remove(zipPath)
	}
	if err != nil {
		os.Remove(out)
	}
	return res, err
}

// runCatalogProfile implements `gongkai catalog profile --agency NAME
// [--credit-code CODE] [--level LEVEL]`: it sets the 统一社会信用代码 the
// agency's 索引号 start with (catalog.md §2) and its level (the
// 第二十一条 columns), then lists the agency's columns.
func runCatalogProfile(ctx context.Context, env Env) int {
	const usage = "gongkai catalog profile --agency NAME [--credit-code CODE] [--level county|township|other]"
	fs := reportFlagSet("profile", env, usage)
	var sf storeFlags
	sf.register(fs)
	agencyName := fs.String("agency", "", "机关名称 / the agency")
	code := fs.String("credit-code", "", "统一社会信用代码（设定后不能更改）/ the 18-character credit code (cannot change once set)")
	level := fs.String("level", "", "county（设区的市、县级政府及其部门）、township（乡镇、街道）或 other")
	pos, c, ok := reportParseFlags(fs, env.Args)
	if !ok {
		return c
	}
	if *agencyName == "" || len(pos) != 0 {
		fs.Usage()
		return ExitUsage
	}
	_, svc, ag, closeAll, err := openCatalog(ctx, &sf, *agencyName)
	if err != nil {
		return fail(env.Stderr, "catalog profile", err)
	}
	defer closeAll()
	p, _, err := svc.Profile(ctx, ag.ID, ag.Name)
	if err != nil {
		return fail(env.Stderr, "catalog profile", err)
	}
	if *code != "" || *level != "" {
		if *code != "" {
			p.CreditCode = strings.ToUpper(strings.TrimSpace(*code))
		}
		if *level != "" {
			p.Level = catalog.Level(*level)
		}
		if err := svc.SetProfile(ctx, audit.CLI, p, ag.Name); err != nil {
			return fail(env.Stderr, "catalog profile", err)
		}
	}
	p, cols, err := svc.Profile(ctx, ag.ID, ag.Name)
	if err != nil {
		return fail(env.Stderr, "catalog profile", err)
	}
	cc := p.CreditCode
	if cc == "" {
		cc = "未设置（首次发布前须设置）"
	}
	fmt.Fprintf(env.Stdout, "%s：统一社会信用代码 %s，层级 %s，栏目 %d 个：\n", ag.Name, cc, p.Level, len(cols))
	for _, col := range cols {
		fmt.Fprintf(env.Stdout, "%s%s  %s  %s\n", strings.Repeat("  ", col.Depth()-1), col.Path, col.Name, col.Article)
	}
	return ExitOK
}

// openBlobs opens the server's attachment store: blob_url, else the blobs
// directory beside the SQLite file or in the data directory.
func openBlobs(ctx context.Context, st *sqlstore.Store, cfg config.Config) (blob.Store, error) {
	dir := cfg.DataDir
	if st.Dialect() == "sqlite" {
		dir = filepath.Dir(st.Where())
	}
	return blob.Open(ctx, cfg.BlobURL, filepath.Join(dir, "blobs"))
}
