package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// A generator writes the corpus: variants of each fixture per format,
// then copies of the variants up to the number of files per format.
type generator struct {
	bin string
	dir string
	cfg Config
}

// generate returns the folder of each format.
func (g generator) generate(ctx context.Context) (map[string]set, error) {
	stage := filepath.Join(g.dir, "..", "variants")
	variants := map[string][]string{}
	for _, f := range formats {
		if err := os.MkdirAll(filepath.Join(stage, f), 0o755); err != nil {
			return nil, err
		}
	}
	fixtures, err := os.ReadDir(g.cfg.Fixtures)
	if err != nil {
		return nil, fmt.Errorf("read fixtures: %w", err)
	}
	for _, e := range fixtures {
		name := e.Name()
		src := filepath.Join(g.cfg.Fixtures, name)
		ext := strings.TrimPrefix(filepath.Ext(name), ".")
		base := strings.TrimSuffix(name, filepath.Ext(name))
		switch ext {
		case "pdf":
			// A PDF cannot be edited here: its variants are copies.
			dst := filepath.Join(stage, "pdf", name)
			if err := copyFile(src, dst); err != nil {
				return nil, err
			}
			variants["pdf"] = append(variants["pdf"], dst)
		case "txt":
			agency, err := g.agencyOf(ctx, src)
			if err != nil {
				return nil, err
			}
			b, err := os.ReadFile(src)
			if err != nil {
				return nil, err
			}
			for k := 0; k < g.cfg.Variants; k++ {
				dst := filepath.Join(stage, "txt", fmt.Sprintf("%s-v%d.txt", base, k))
				if err := os.WriteFile(dst, []byte(strings.ReplaceAll(string(b), agency, variantName(agency, k))), 0o644); err != nil {
					return nil, err
				}
				variants["txt"] = append(variants["txt"], dst)
			}
		case "json":
			if err := g.jsonVariants(ctx, src, base, stage, variants); err != nil {
				return nil, err
			}
		}
	}
	sets := map[string]set{}
	for _, f := range formats {
		vs := variants[f]
		if len(vs) == 0 {
			return nil, fmt.Errorf("no %s variant: the fixtures folder needs .txt, .pdf and .json reports", f)
		}
		sort.Strings(vs)
		s := set{dir: filepath.Join(g.dir, f)}
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			return nil, err
		}
		for i := 0; i < g.cfg.Files; i++ {
			v := vs[i%len(vs)]
			dst := filepath.Join(s.dir, fmt.Sprintf("%04d-%s", i, filepath.Base(v)))
			if err := copyFile(v, dst); err != nil {
				return nil, err
			}
			st, err := os.Stat(dst)
			if err != nil {
				return nil, err
			}
			s.files++
			s.bytes += st.Size()
		}
		sets[f] = s
	}
	return sets, nil
}

// jsonVariants writes the variants of a JSON report (its agency renamed)
// and renders each as HTML, DOCX and XLSX with `gongkai report convert`.
func (g generator) jsonVariants(ctx context.Context, src, base, stage string, variants map[string][]string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	agency, _ := doc["agency"].(string)
	for k := 0; k < g.cfg.Variants; k++ {
		doc["agency"] = variantName(agency, k)
		out, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			return err
		}
		dst := filepath.Join(stage, "json", fmt.Sprintf("%s-v%d.json", base, k))
		if err := os.WriteFile(dst, out, 0o644); err != nil {
			return err
		}
		variants["json"] = append(variants["json"], dst)
		for _, to := range []string{"html", "docx", "xlsx"} {
			r := filepath.Join(stage, to, fmt.Sprintf("%s-v%d.%s", base, k, to))
			cmd := exec.CommandContext(ctx, g.bin, "report", "convert", "--to", to, "-o", r, dst)
			if b, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("report convert --to %s %s: %w\n%s", to, dst, err, b)
			}
			variants[to] = append(variants[to], r)
		}
	}
	return nil
}

// agencyOf reads the agency of a report with `gongkai report convert`.
func (g generator) agencyOf(ctx context.Context, path string) (string, error) {
	cmd := exec.CommandContext(ctx, g.bin, "report", "convert", "--to", "json", path)
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("report convert --to json %s: %w", path, err)
	}
	var r struct {
		Agency string `json:"agency"`
	}
	if err := json.Unmarshal(b, &r); err != nil || r.Agency == "" {
		return "", fmt.Errorf("no agency in the conversion of %s: %v", path, err)
	}
	return r.Agency, nil
}

// variantName is the agency name of variant k; variant 0 is the original.
func variantName(agency string, k int) string {
	if k == 0 {
		return agency
	}
	return agency + fmt.Sprintf("第%d分支", k)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}
