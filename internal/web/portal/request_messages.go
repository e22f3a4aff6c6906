package portal

import "github.com/gongkai/gongkai/internal/web"

// PIPLNoticeVersion names the text of the personal-information notice
// "req.pipl" below (个人信息保护法第十七条、第三十五条; SECURITY.md P-01).
// It is stored with every online application, so the agency can tell
// which notice an applicant was shown. Change it whenever either language
// of the notice changes; TestPIPLNoticeVersion pins the text to it.
const PIPLNoticeVersion = "pipl-2026-11-25"

// requestMessages are the texts of the 依申请公开 pages; init merges them
// into Messages so the portal's one catalog holds them.
var requestMessages = web.Messages{
	"req.pipl.version": {"告知版本", "Notice version"},
	"req.honeypot":     {"请勿填写此栏", "Leave this empty"},
	"req.new.title":    {"政府信息公开申请", "Request government information"},
	"req.new.lead": {"请如实填写以下内容（条例第二十九条）。提交后您将获得申请编号和查询码，用于查询办理进度和告知书。网上提交的申请，以工作人员与您确认之日为收到申请之日（条例第三十一条第（三）项）。",
		"Fill in the form truthfully (Article 29). You will get a tracking number and a query code to follow the request and read its notices. An online request counts as received on the day staff confirm it with you (Article 31(3))."},
	"req.pipl": {"个人信息处理告知：本机关依照《政府信息公开条例》第二十九条、《个人信息保护法》第十三条第一款第（三）项和第三十五条，为办理您的政府信息公开申请处理您填写的姓名或名称、身份证明号码、联系方式和地址。身份证明号码、电话、地址和电子邮箱加密保存，仅本机关办理人员在办理需要时查看，每次查看均有记录；不会公开，也不会用于其他目的。申请材料按档案管理规定保存。您可以通过本机关政府信息公开工作机构查阅、更正您的个人信息。",
		"Notice on personal data: the agency processes your name, identity document number, contact details and address to handle this application (Regulations on Open Government Information Art. 29; PIPL Art. 13(1)(iii), 35). ID number, phone, address and e-mail are stored encrypted, seen only by the handling staff when needed (every view is logged), never published and used for no other purpose. Records are kept under the archive rules. You may ask the agency's disclosure office to see or correct them."},
	"req.agency":            {"受理机关", "Agency"},
	"req.agency.choose":     {"请选择受理机关", "Choose the agency"},
	"req.applicant":         {"申请人信息", "Applicant"},
	"req.type":              {"申请人类型", "Applicant type"},
	"req.type.person":       {"自然人", "Natural person"},
	"req.type.org":          {"法人或其他组织", "Legal person or other organisation"},
	"req.name":              {"姓名或名称", "Name"},
	"req.name.hint":         {"自然人填写姓名；法人或其他组织填写全称。", "A person's full name, or the organisation's full name."},
	"req.id":                {"身份证明号码", "Identity number"},
	"req.id.hint":           {"自然人填写18位居民身份证号码；法人或其他组织填写18位统一社会信用代码。", "An 18-character resident ID number for a person; the 18-character unified social credit code for an organisation."},
	"req.otherdoc":          {"使用其他身份证明（护照、港澳台居民通行证等），不作校验", "I use another identity document (passport, travel permit …); the number is not checked"},
	"req.contact":           {"联系方式", "Contact"},
	"req.contact.hint":      {"电话、电子邮箱、通信地址至少填写一项。", "Give at least one of phone, e-mail or postal address."},
	"req.phone":             {"联系电话", "Phone"},
	"req.email":             {"电子邮箱", "E-mail"},
	"req.address":           {"通信地址", "Postal address"},
	"req.address.hint":      {"选择邮寄的必须填写。", "Required when you choose delivery by post."},
	"req.content.label":     {"所需政府信息的名称、文号或者便于查询的其他特征性描述", "Title, document number or another description that helps find the information"},
	"req.content.hint":      {"请尽量具体：文件名称、文号、形成时间、涉及事项等。一件申请建议只申请一项信息（一事一申请）。", "Be specific: title, number, date, subject. One item per request is recommended."},
	"req.form":              {"信息的提供形式", "Form of the information"},
	"req.form.paper":        {"纸质", "Paper"},
	"req.form.electronic":   {"电子", "Electronic"},
	"req.delivery":          {"获取信息的方式", "Delivery"},
	"req.delivery.post":     {"邮寄", "By post"},
	"req.delivery.email":    {"电子邮件", "By e-mail"},
	"req.delivery.pickup":   {"当面领取", "Collect in person"},
	"req.delivery.online":   {"网上获取", "Online"},
	"req.files":             {"附件（可选）", "Attachments (optional)"},
	"req.files.hint":        {"如身份证明复印件、补充材料。接受 PDF、OFD、JPG、PNG、DOCX、XLSX、TXT 文件；最多个数 / 每个大小上限", "E.g. a copy of an identity document. PDF, OFD, JPG, PNG, DOCX, XLSX or TXT; at most files / size each"},
	"req.files.again":       {"请重新选择附件（出错后浏览器不会保留已选的文件）。", "Please choose the files again (browsers drop them after an error)."},
	"req.privacy":           {"您的身份证明号码、电话和地址加密保存，仅用于办理本申请，不会在任何公开页面显示。", "Your identity number, phone and address are stored encrypted, used only for this request, and never shown on a public page."},
	"req.submit":            {"提交申请", "Submit the request"},
	"req.receipt.title":     {"申请已提交", "Request submitted"},
	"req.receipt.lead":      {"您的政府信息公开申请已提交。请记下申请编号和查询码，凭它们查询办理进度、阅读告知书。", "Your request was submitted. Keep the tracking number and the query code to follow the request and read its notices."},
	"req.tracking":          {"申请编号", "Tracking number"},
	"req.code":              {"查询码", "Query code"},
	"req.code.once":         {"查询码只在本页显示，15 分钟后本页不再显示；本站不保存其明文，遗失后无法找回。请立即抄写或打印本页。", "The query code is shown on this page only, and only for 15 minutes; it is not stored in clear and cannot be recovered. Write it down or print this page now."},
	"req.submitted":         {"提交日期", "Submitted"},
	"req.received":          {"收到申请日期", "Received"},
	"req.received.pending":  {"待工作人员确认（确认之日为收到申请之日）", "Awaiting confirmation by staff (the day of confirmation is the day of receipt)"},
	"req.print":             {"打印本页：请使用浏览器的“打印”功能（Ctrl+P）。", "To print this page use your browser's Print command (Ctrl+P)."},
	"req.lookup.link":       {"查询申请办理进度", "Follow a request"},
	"req.lookup.title":      {"查询申请办理进度", "Follow a request"},
	"req.lookup.lead":       {"请输入提交申请时获得的申请编号和查询码。", "Enter the tracking number and the query code you were given."},
	"req.lookup.submit":     {"查询", "Look up"},
	"req.lookup.failed":     {"申请编号或查询码不正确。", "Wrong tracking number or query code."},
	"req.status.title":      {"申请办理情况", "Request status"},
	"req.state":             {"办理状态", "Status"},
	"req.due":               {"答复期限", "Reply due"},
	"req.due.how":           {"答复期限是怎样算出的", "How the due date was reached"},
	"req.due.none":          {"暂未计算（申请确认后开始计时，计时暂停期间不显示）。", "Not running (the clock starts when staff confirm the request; it is not shown while paused)."},
	"req.outcome":           {"办理结果", "Outcome"},
	"req.ended":             {"答复或办结日期", "Replied or ended on"},
	"req.notices":           {"告知与通知", "Notices"},
	"req.notices.none":      {"暂无通知。", "No notices yet."},
	"req.status.nopersonal": {"为保护个人信息，本页不显示申请人的任何个人信息。", "To protect personal data, this page shows none of the applicant's details."},
	"req.letters":           {"告知书", "Letters"},
	"req.letter.html":       {"查看（可打印）", "View (printable)"},
	"req.letter.docx":       {"下载Word文档", "Download (Word)"},
	"req.error.agency":      {"请选择受理机关。", "Choose the agency."},
}

func init() {
	for k, v := range requestMessages {
		Messages[k] = v
	}
}
