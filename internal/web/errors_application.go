package web

// applicationErrors are the faults of an application for government
// information (request.Application.Check, 条例第二十九条第二款) and of its
// identity number (idcheck), by field; the portal shows each beside its
// field, the back office's registration lists them.
var applicationErrors = Messages{
	"application.type":       {"请选择申请人类型（自然人或法人或其他组织的类别）。", "Choose the applicant type (a natural person or one of the kinds of organisation)."},
	"application.name":       {"请填写申请人姓名或名称（条例第二十九条第二款第（一）项）。", "Give the applicant's name (Article 29(2)(1))."},
	"application.id":         {"请填写身份证明号码（条例第二十九条第二款第（一）项）。", "Give the identity number (Article 29(2)(1))."},
	"application.id_invalid": {"身份证明号码有误：%s。", "The identity number is wrong: %s."},
	"application.contact":    {"请至少填写一种联系方式（条例第二十九条第二款第（一）项）。", "Give at least one way to contact you (Article 29(2)(1))."},
	"application.content":    {"请填写所需信息的名称、文号或便于查询的特征性描述（条例第二十九条第二款第（二）项）。", "Describe the information requested: its title, document number or other features (Article 29(2)(2))."},
	"application.bad_chars":  {"含有无法保存的字符（如空字符、控制字符或无效编码），请删除后重新填写。", "Contains characters that cannot be stored (a NUL byte, control characters or invalid encoding); remove them and try again."},
	"application.phone":      {"电话号码格式有误（5–20 位数字，可含空格、-、+、括号和“转”）。", "Not a telephone number (5 to 20 digits, with spaces, -, +, parentheses)."},
	"application.email":      {"电子邮箱格式有误：通知将无法送达。", "Not an e-mail address: notices could not reach you."},
	"application.other_id":   {"证件号码格式有误（4–40 个字母、数字、空格、连字符或括号）。", "Not a document number (4 to 40 letters, digits, spaces, hyphens or parentheses)."},
	"application.too_long":   {"内容过长（不超过 %d 字）。", "Too long (at most %d characters)."},
	"application.form":       {"请选择信息的提供形式（条例第二十九条第二款第（三）项）。", "Choose the form of the information (Article 29(2)(3))."},
	"application.delivery":   {"请选择获取信息的方式（条例第二十九条第二款第（三）项）。", "Choose how to receive the information (Article 29(2)(3))."},
	"application.address":    {"选择邮寄的，请填写通信地址。", "Give a postal address for delivery by post."},

	"idcheck.unknown":                    {"无法核验", "it cannot be checked"},
	"idcheck.resident.first17":           {"需要 17 位本体码，收到 %d 位", "17 base digits are needed, %d given"},
	"idcheck.resident.digits":            {"本体码只能是数字", "the base digits must be digits"},
	"idcheck.resident.length":            {"居民身份证号码应为 18 位，收到 %d 位", "a resident identity number has 18 characters, %d given"},
	"idcheck.resident.first17_digits":    {"居民身份证号码前 17 位应为数字", "the first 17 characters of a resident identity number are digits"},
	"idcheck.resident.province":          {"地址码 %s 不是有效的省级代码", "the address code %s is not a valid province"},
	"idcheck.resident.birth_invalid":     {"出生日期 %s 不是有效日期", "the date of birth %s is not a valid date"},
	"idcheck.resident.birth_implausible": {"出生日期 %s 不合理", "the date of birth %s is implausible"},
	"idcheck.resident.check":             {"校验码错误（最后一位应为 %c），请核对号码", "the check digit is wrong (the last character should be %c); please check the number"},
	"idcheck.credit.first17":             {"需要 17 位本体代码，收到 %d 位", "17 base characters are needed, %d given"},
	"idcheck.credit.char":                {"第 %d 位 %q 不是允许的字符（不使用 I、O、Z、S、V）", "character %d, %q, is not allowed (I, O, Z, S and V are not used)"},
	"idcheck.credit.length":              {"统一社会信用代码应为 18 位，收到 %d 位", "a unified social credit code has 18 characters, %d given"},
	"idcheck.credit.last_char":           {"第 18 位 %q 不是允许的字符", "character 18, %q, is not allowed"},
	"idcheck.credit.check":               {"校验码错误（最后一位应为 %c），请核对代码", "the check character is wrong (the last character should be %c); please check the code"},
}
