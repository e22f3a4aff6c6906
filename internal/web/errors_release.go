package web

// releaseErrors are the errors of the applicant's receipt and of the
// files released by a reply (条例第四十条: 网上获取).
var releaseErrors = Messages{
	"request.resubmitted": {"同一申请刚刚已经提交", "The same request was just submitted"},
	"release.closed":      {"申请已答复或尚未登记，不能再更改公开的文件", "The request is answered or not yet registered: its released files cannot change"},
	"release.missing":     {"申请人选择网上获取：答复前请先上传公开的文件", "The applicant chose to fetch the information online: upload the released files before the reply"},
	"receipt.expired":     {"回执已不再显示，请凭申请编号和查询码查询", "The receipt is no longer shown; look the request up with its tracking number and query code"},
}
