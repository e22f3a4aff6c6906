package request

import (
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

var goodApplication = Application{Type: NaturalPerson, Name: "张三", IDNumber: "11010519491231002X", Phone: "13812345678",
	Content: "2025年北仑区法律援助经费使用情况", Form: "电子", Delivery: "电子邮件"}

// TestApplicationCheck checks the contents 条例第二十九条第二款 requires,
// field by field, with every fault reported at once.
func TestApplicationCheck(t *testing.T) {
	today := calendar.D(2026, 3, 2)
	with := func(f func(a *Application)) Application { a := goodApplication; f(&a); return a }
	tests := []struct {
		name string
		a    Application
		want []string // field:key
	}{
		{"complete", goodApplication, nil},
		{"other document unchecked", with(func(a *Application) { a.IDNumber, a.OtherDocument = "E12345678", true }), nil},
		{"organisation with a credit code", with(func(a *Application) { a.Type, a.Name, a.IDNumber = Commercial, "甲公司", "91350100M000100Y43" }), nil},
		{"post with address", with(func(a *Application) { a.Delivery, a.Address = DeliveryPost, "宁波市北仑区明州路1号" }), nil},
		{"e-mail is a contact", with(func(a *Application) { a.Phone, a.Email = "", "z@example.cn" }), nil},
		{"nothing", Application{}, []string{"type:application.type", "name:application.name", "id_number:application.id",
			"contact:application.contact", "content:application.content", "form:application.form", "delivery:application.delivery"}},
		{"blank is missing", with(func(a *Application) { a.Name, a.Content, a.Phone = " ", "\n", "\t" }),
			[]string{"name:application.name", "contact:application.contact", "content:application.content"}},
		{"bad check digit", with(func(a *Application) { a.IDNumber = "110105194912310021" }), []string{"id_number:application.id_invalid"}},
		{"person's number for an organisation", with(func(a *Application) { a.Type = Research }), []string{"id_number:application.id_invalid"}},
		{"born tomorrow", with(func(a *Application) { a.IDNumber = "110105202603030000" }), []string{"id_number:application.id_invalid"}},
		{"no type: the number is not checked", with(func(a *Application) { a.Type, a.IDNumber = "", "123" }), []string{"type:application.type"}},
		{"too long", with(func(a *Application) {
			a.Name, a.Content = strings.Repeat("名", MaxNameLength+1), strings.Repeat("文", MaxContentLength+1)
		}), []string{"name:application.too_long", "content:application.too_long"}},
		{"longest allowed", with(func(a *Application) {
			a.Name, a.Content = strings.Repeat("名", MaxNameLength), strings.Repeat("文", MaxContentLength)
		}), nil},
		{"form and delivery from the lists", with(func(a *Application) { a.Form, a.Delivery = "光盘", "快递" }),
			[]string{"form:application.form", "delivery:application.delivery"}},
		{"post without address", with(func(a *Application) { a.Delivery = DeliveryPost }), []string{"address:application.address"}},
		// #10 item 7: text PostgreSQL refuses (a NUL byte, invalid UTF-8)
		// or that reads other than it is stored is a field error.
		{"NUL and bad bytes", with(func(a *Application) {
			a.Name, a.IDNumber, a.Phone, a.Email, a.Address, a.Content = "张\x00三", "110105\x00", "138\x00", "a\xff@b.cn", "路\x01", "内容\xc3"
		}), []string{"name:application.bad_chars", "id_number:application.bad_chars", "phone:application.bad_chars",
			"email:application.bad_chars", "address:application.bad_chars", "content:application.bad_chars"}},
		{"bidi override in the name", with(func(a *Application) { a.Name = "张\u202e三" }), []string{"name:application.bad_chars"}},
		{"line breaks in content and address", with(func(a *Application) { a.Content, a.Address = "第一行\r\n第二行\t", "北仑区\n明州路" }), nil},
		{"line break in the name", with(func(a *Application) { a.Name = "张\n三" }), []string{"name:application.bad_chars"}},
		{"phones", with(func(a *Application) { a.Phone = "+86 (574) 8678-1234 转 801" }), nil},
		{"phone with letters", with(func(a *Application) { a.Phone = "138abc45678" }), []string{"phone:application.phone"}},
		{"phone too short", with(func(a *Application) { a.Phone = "1234" }), []string{"phone:application.phone"}},
		{"phone too long", with(func(a *Application) { a.Phone = strings.Repeat("1", 21) }), []string{"phone:application.phone"}},
		{"full-width phone", with(func(a *Application) { a.Phone = "１３８１２３４５６７８" }), []string{"phone:application.phone"}},
		{"e-mail without domain", with(func(a *Application) { a.Email = "zhangsan@localhost" }), []string{"email:application.email"}},
		{"e-mail with a name", with(func(a *Application) { a.Email = "张三 <z@example.cn>" }), []string{"email:application.email"}},
		{"e-mail too long", with(func(a *Application) { a.Email = strings.Repeat("a", 60) + "@" + strings.Repeat("b", 200) + ".cn" }),
			[]string{"email:application.email"}},
		{"e-mail double dot", with(func(a *Application) { a.Email = "z@example..cn" }), []string{"email:application.email"}},
		{"address too long", with(func(a *Application) { a.Address = strings.Repeat("路", MaxAddressLength+1) }),
			[]string{"address:application.too_long"}},
		{"passport number", with(func(a *Application) { a.IDNumber, a.OtherDocument = "E1234(5)", true }), nil},
		{"other document too short", with(func(a *Application) { a.IDNumber, a.OtherDocument = "E1", true }),
			[]string{"id_number:application.other_id"}},
		{"other document with symbols", with(func(a *Application) { a.IDNumber, a.OtherDocument = "E123;DROP", true }),
			[]string{"id_number:application.other_id"}},
	}
	for _, tt := range tests {
		var got []string
		fe := tt.a.Check(today)
		for _, f := range fe {
			got = append(got, f.Field+":"+f.Key)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v; want %v", tt.name, got, tt.want)
		}
		if (fe == nil) != (len(tt.want) == 0) {
			t.Errorf("%s: nil %v with %d faults", tt.name, fe == nil, len(tt.want))
		}
	}
	fe := with(func(a *Application) { a.IDNumber = "110105194912310021" }).Check(today)
	if len(fe) != 1 || len(fe[0].Args) != 1 {
		t.Fatalf("id fault %+v", fe)
	}
	if !strings.Contains(fe.Error(), "id_number: application.id_invalid") {
		t.Errorf("log text %q", fe.Error())
	}
}

// FuzzApplicationCheck checks that no input makes Check panic and that
// an application it accepts has what 条例第二十九条第二款 asks for.
func FuzzApplicationCheck(f *testing.F) {
	f.Add("natural_person", "张三", "11010519491231002X", "138", "", "内容", "电子", "邮寄", false)
	f.Add("commercial", "甲公司", "91350100M000100Y43", "", "addr", "x", "纸质", "当面领取", false)
	f.Add("", "\x00", "９１３５０１００Ｍ０００１００Ｙ４３", "", "", "", "", "", true)
	f.Fuzz(func(t *testing.T, typ, name, id, phone, addr, content, form, delivery string, other bool) {
		a := Application{Type: ApplicantType(typ), Name: name, IDNumber: id, OtherDocument: other, Phone: phone, Address: addr,
			Content: content, Form: form, Delivery: delivery}
		if a.Check(calendar.D(2026, 1, 1)) != nil {
			return
		}
		if !a.Type.Valid() || strings.TrimSpace(name) == "" || strings.TrimSpace(id) == "" || strings.TrimSpace(content) == "" ||
			strings.TrimSpace(phone+addr) == "" || !slices.Contains(Forms, form) || !slices.Contains(Deliveries, delivery) {
			t.Errorf("accepted incomplete application %+v", a)
		}
	})
}
