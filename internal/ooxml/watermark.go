package ooxml

import (
	"bytes"
	"fmt"
)

// nsVML and nsOffice are the namespaces of the VML shape Word writes for
// a text watermark (设计 → 水印) in a header.
const (
	nsVML    = "urn:schemas-microsoft-com:vml"
	nsOffice = "urn:schemas-microsoft-com:office:office"
)

// watermarkShapeType is the WordArt text shape (o:spt 136) that Word's
// own text watermarks use; Word, WPS and LibreOffice read a shape of this
// type named PowerPlusWaterMarkObject as a watermark.
const watermarkShapeType = `<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">` +
	`<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>` +
	`<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>` +
	`<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>` +
	`<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>` +
	`<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>` +
	`<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>`

// writeWatermark writes a paragraph holding text as a diagonal, light
// grey watermark centred on every page (it sits in the header, which
// every page repeats, behind the text).
func writeWatermark(b *bytes.Buffer, text, font string) {
	b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:pict>`)
	b.WriteString(watermarkShapeType)
	fmt.Fprintf(b, `<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" `+
		`style="position:absolute;margin-left:0;margin-top:0;width:414pt;height:207pt;rotation:315;z-index:-251657216;`+
		`mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" `+
		`o:allowincell="f" fillcolor="silver" stroked="f"><v:fill opacity=".5"/>`+
		`<v:textpath style="font-family:&quot;%s&quot;;font-size:1pt" string="%s"/></v:shape>`, Esc(font), Esc(text))
	b.WriteString(`</w:pict></w:r></w:p>`)
}
