package web

// releaseErrors are the errors of the applicant's receipt and of the
// files released by a reply (条例第四十条: 网上获取).
var releaseErrors = Messages{
	"request.resubmitted": {"同一申请刚刚已经提交", "The same request was just submitted"},
	"receipt.expired":     {"回执已不再显示，请凭申请编号和查询码查询", "The receipt is no longer shown; look the request up with its tracking number and query code"},
}
