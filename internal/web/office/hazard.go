package office

import (
	"github.com/gongkai/gongkai/internal/bombcheck"
	"github.com/gongkai/gongkai/internal/web"
)

// hazardMessages are the warnings shown beside an attachment flagged as a
// zip or XML bomb (package bombcheck), one text per flag code.
var hazardMessages = web.Messages{
	"hazard.badge": {"危险文件", "Hazardous file"},
	"hazard.warning": {"疑似压缩炸弹或 XML 炸弹：%s（%s）。服务器未预览、未提取其文字；请勿在办公电脑上直接打开，应交信息技术人员在隔离环境中检查。",
		"Suspected zip or XML bomb: %s (%s). The server has not previewed it or extracted its text; do not open it on an office computer: have IT staff examine it in an isolated environment."},
	"hazard." + bombcheck.CodeDirectory: {"压缩包目录无法读取或过大", "the archive's directory is unreadable or too large"},
	"hazard." + bombcheck.CodeEntries:   {"压缩包内文件过多", "too many files in the archive"},
	"hazard." + bombcheck.CodeSize:      {"声明的解压大小异常", "absurd declared uncompressed size"},
	"hazard." + bombcheck.CodeRatio:     {"压缩比异常", "abnormal compression ratio"},
	"hazard." + bombcheck.CodeOverlap:   {"压缩包内文件相互重叠", "overlapping entries in the archive"},
	"hazard." + bombcheck.CodeLies:      {"解压后大于声明的大小", "expands beyond its declared size"},
	"hazard." + bombcheck.CodeNested:    {"压缩包层层嵌套或内含炸弹", "archives nested too deep, or a bomb inside"},
	"hazard." + bombcheck.CodeDTD:       {"XML 含文档类型定义或实体声明", "XML with a DTD or entity declarations"},
	"hazard." + bombcheck.CodeXMLDepth:  {"XML 嵌套层级过深", "XML nested too deep"},
}

// A Hazard is an attachment's flag as a page shows it: the message key
// of its code and its detail. The zero Hazard shows nothing.
type Hazard struct {
	Key, Detail string
}

// hazardOf turns a stored flag into what the page shows.
func hazardOf(stored string) Hazard {
	f := bombcheck.Parse(stored)
	if f.Code == "" {
		return Hazard{}
	}
	key := "hazard." + f.Code
	if _, ok := hazardMessages[key]; !ok {
		key = "hazard.badge"
	}
	return Hazard{Key: key, Detail: f.Detail}
}
