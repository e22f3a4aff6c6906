package demo

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/ooxml"
)

// JusticeCreditCode is the (made-up, check-digit valid) 统一社会信用代码
// of the demo 北仑区司法局; its 索引号 start with it.
const JusticeCreditCode = "11330206002882367P"

// justiceCatalog is 北仑区司法局's catalogue as gongkai.item/v1 JSON Lines
// (what `gongkai catalog import` reads): the 63 items its portal published
// in 2022 (the count its report on 2022 states), the one 行政规范性文件 in
// force (formed in 2021, so table 二 shows 0 issued, 0 repealed, 1 in
// force), the 2018 trial rules it repealed, and 解读 linked to their
// documents. 30 of the 2022 items also went out on the WeChat account,
// the last on 2 September 2022: the account then went silent, as the
// report says (“法治北仑”微信公众号…于2022年9月起停止更新). Three items were
// published more than 20 working days after they were formed (条例第二十六条).
//
//go:embed data/justice-catalog.jsonl
var justiceCatalog []byte

// justiceDraft is the item waiting in review: a 公示 whose spreadsheet
// leaves one 身份证号 unmasked, which the scanner finds on submission.
//
//go:embed data/justice-draft.json
var justiceDraft []byte

// justiceColumns are the sub-columns 北仑区司法局 adds to the statutory
// tree (catalog.md §1: agencies add their own under a 第二十条 column).
var justiceColumns = []struct{ parent, code, name string }{
	{"rules", "interpretation", "政策解读"},
	{"other", "publicity", "法治宣传"},
	{"other", "mediation", "人民调解"},
	{"other", "correction", "社区矫正"},
	{"other", "legal-services", "公共法律服务"},
}

// draftData is the form of justiceDraft. "{{年度}}" in the content stands
// for the year before the seeding day's.
type draftData struct {
	Content    catalog.Content `json:"content"`
	Attachment struct {
		Name  string     `json:"name"`
		Sheet string     `json:"sheet"`
		Rows  [][]string `json:"rows"`
	} `json:"attachment"`
}

// CatalogResult says what SeedCatalog stored.
type CatalogResult struct {
	Imported int   // items imported
	Late     int   // of those, late under 第二十六条
	Findings int   // scanner findings in the imported items (none expected)
	DraftID  int64 // the item waiting in review
}

// Text describes the seeded catalogue for the console.
func (r CatalogResult) Text() string {
	if r.Imported == 0 {
		return ""
	}
	return fmt.Sprintf("演示主动公开目录 demo catalogue: %s %d 条（逾期 %d 条），待审核 1 条（附件含未遮盖的身份证号）/ %d items, %d late, 1 waiting in review\n",
		Justice, r.Imported, r.Late, r.Imported, r.Late)
}

// SeedCatalog gives 北仑区司法局 its 2022 catalogue unless it has it
// already: the credit code and sub-columns, the items of justiceCatalog
// imported as a migrated site's (their 索引号 and dates kept, scanned),
// and one item drafted by the demo 经办人 with a spreadsheet attachment
// and submitted, so that it waits in review with the scanner's id_card
// finding. svc needs a blob store. `gongkai report build --agency
// 北仑区司法局 --year 2022` then compiles table 二 of the agency's
// published report from these records (catalog.md §3).
func SeedCatalog(ctx context.Context, st ReportSeeder, svc *catalog.Service) (CatalogResult, error) {
	var res CatalogResult
	justice, err := st.AgencyByName(ctx, Justice)
	if err != nil {
		return res, fmt.Errorf("demo: catalogue: %w", err)
	}
	first, _, _ := bytes.Cut(justiceCatalog, []byte("\n"))
	var probe struct {
		IndexNo string `json:"index_no"`
	}
	if err := json.Unmarshal(first, &probe); err != nil {
		return res, fmt.Errorf("demo: catalogue data: %w", err)
	}
	if _, err := svc.PublicItem(ctx, probe.IndexNo); err == nil {
		return res, nil // seeded on an earlier start
	} else if apperr.KindOf(err) != apperr.NotFound {
		return res, fmt.Errorf("demo: catalogue: %w", err)
	}
	head, err := demoStaff(ctx, st, account.Head, justice.ID)
	if err != nil {
		return res, err
	}
	clerk, err := demoStaff(ctx, st, account.Clerk, justice.ID)
	if err != nil {
		return res, err
	}
	if err := svc.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: justice.ID, CreditCode: JusticeCreditCode,
		Level: catalog.LevelCounty}, Justice); err != nil {
		return res, fmt.Errorf("demo: catalogue profile: %w", err)
	}
	_, cols, err := svc.Profile(ctx, justice.ID, Justice)
	if err != nil {
		return res, fmt.Errorf("demo: catalogue profile: %w", err)
	}
	tree := catalog.NewTree(cols)
	for _, c := range justiceColumns {
		if _, ok := tree[c.parent+"/"+c.code]; ok {
			continue
		}
		col, err := svc.AddColumn(ctx, head, justice.ID, c.parent, c.code, c.name)
		if err != nil {
			return res, fmt.Errorf("demo: column %s/%s: %w", c.parent, c.code, err)
		}
		tree[col.Path] = col
	}
	lines, err := catalog.ReadItems(bytes.NewReader(justiceCatalog), Justice, tree, nil)
	if err != nil {
		return res, fmt.Errorf("demo: catalogue data: %w", err)
	}
	imp, err := svc.Import(ctx, audit.CLI, justice.ID, Justice, lines, nil)
	if err != nil {
		return res, fmt.Errorf("demo: catalogue import: %w", err)
	}
	res.Imported, res.Late, res.Findings = imp.Items, imp.Late, len(imp.Findings)
	if res.DraftID, err = seedDraft(ctx, svc, clerk, justice.ID); err != nil {
		return res, err
	}
	return res, nil
}

// demoStaff is the demo account of role at the agency, as catalogue staff.
func demoStaff(ctx context.Context, st ReportSeeder, role account.Role, agencyID int64) (catalog.Staff, error) {
	u, err := st.UserByLogin(ctx, demoLoginPf+string(role))
	if err != nil {
		return catalog.Staff{}, fmt.Errorf("demo: the demo %s: %w", role.Label(), err)
	}
	return catalog.Staff{Subject: auth.Subject{UserID: u.ID, Login: u.Login, AgencyID: agencyID, Roles: []account.Role{role}},
		IP: "127.0.0.1"}, nil
}

// seedDraft drafts justiceDraft as the 经办人, attaches its spreadsheet
// and submits it: the scan finds the unmasked 身份证号 and the item waits
// in review, its publication blocked (catalog.md §4).
func seedDraft(ctx context.Context, svc *catalog.Service, clerk catalog.Staff, agencyID int64) (int64, error) {
	today := svc.Today()
	raw := strings.ReplaceAll(string(justiceDraft), "{{年度}}", strconv.Itoa(today.Year()-1))
	var d draftData
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return 0, fmt.Errorf("demo: draft data: %w", err)
	}
	d.Content.FormedOn = today
	id, err := svc.Create(ctx, clerk, agencyID, Justice, d.Content)
	if err != nil {
		return 0, fmt.Errorf("demo: draft: %w", err)
	}
	var xlsx bytes.Buffer
	if err := writeSheet(&xlsx, d.Attachment.Sheet, d.Attachment.Rows); err != nil {
		return 0, fmt.Errorf("demo: draft attachment: %w", err)
	}
	if err := svc.Attach(ctx, clerk, id, d.Attachment.Name, &xlsx); err != nil {
		return 0, fmt.Errorf("demo: draft attachment: %w", err)
	}
	if err := svc.Submit(ctx, clerk, id); err != nil {
		return 0, fmt.Errorf("demo: submit draft: %w", err)
	}
	return id, nil
}

// writeSheet writes rows as a one-sheet workbook of text cells.
func writeSheet(w *bytes.Buffer, name string, rows [][]string) error {
	b := ooxml.NewBook()
	defer b.Close()
	sh, err := b.TextSheet(name, len(rows[0]), 16)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := sh.Row(r); err != nil {
			return err
		}
	}
	if err := sh.Flush(); err != nil {
		return err
	}
	_, err = b.WriteTo(w)
	return err
}
