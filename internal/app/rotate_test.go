package app

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestRotatePIIKey (#10 item 2): `keys rotate` re-seals every sealed value
// and recomputes the blind index under a new key; a rotation that stopped
// half way keeps the server from starting and resumes when run again;
// afterwards the new key is the checked one and the old key still opens
// what was sealed with it.
func TestRotatePIIKey(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		cfg := configDefault()
		cfg.DataDir = t.TempDir()
		none := env()
		old, err := LoadPIIKeys(ctx, st, cfg, none, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		sealSomething(t, st, old)
		var agencyID int64
		if err := st.DB().QueryRowContext(ctx, "SELECT id FROM agencies LIMIT 1").Scan(&agencyID); err != nil {
			t.Fatal(err)
		}
		const id, phone = "330206199001011234", "13812345678"
		var requestIDs []int64
		for i := range 5 {
			r := casework.Record{AgencyID: agencyID, Tracking: "2026-000" + string(rune('1'+i)), Origin: casework.Online,
				ApplicantType: request.NaturalPerson, ApplicantName: "张三", State: casework.Submitted,
				ApplicantKey: old.BlindIndex(request.Applicant{Name: "张三", ID: id}.Key())}
			r.CreatedAt = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
			r.UpdatedAt = r.CreatedAt
			r.IDNumber, _ = old.Seal(id)
			r.Phone, _ = old.Seal(phone)
			r, err := st.CreateRequest(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			requestIDs = append(requestIDs, r.ID)
		}
		log := &audit.Log{Store: st, Key: mustAuditKey(t)}

		// A rotation that stopped after the users table: the new key is
		// in pii.key.next and only some rows are under it.
		src := pii.Locate(none, cfg.PIIKeyFile, KeyDir(st, cfg))
		newKey, err := readOrMakeNext(src.Path + pii.NextSuffix)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := resealTable(ctx, st, sqlstore.SealedTables[2], old.WithPrimary(newKey), 2); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadPIIKeys(ctx, st, cfg, none, time.Now()); err == nil || !strings.Contains(err.Error(), "keys.rotating") && !strings.Contains(err.Error(), "rotat") {
			t.Fatalf("start during a rotation: %v; want a refusal naming keys rotate", err)
		}

		rot, err := RotatePIIKey(ctx, st, cfg, none, 2, log, os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		if rot.OldID != old.KeyID() || rot.NewID != newKey.ID || rot.Resealed != 5 {
			t.Fatalf("rotation %+v; want %s -> %s and the 5 requests re-sealed (the user was done before)", rot, old.KeyID(), newKey.ID)
		}
		kr, err := LoadPIIKeys(ctx, st, cfg, none, time.Now())
		if err != nil || kr.KeyID() != newKey.ID {
			t.Fatalf("start after the rotation: %v, key %v; want the new key %s", err, kr, newKey.ID)
		}
		for _, rid := range requestIDs {
			var idEnc, phoneEnc, key string
			if err := st.DB().QueryRowContext(ctx, rebindTest(st, "SELECT id_number_enc, phone_enc, applicant_key FROM requests WHERE id = ?"), rid).Scan(&idEnc, &phoneEnc, &key); err != nil {
				t.Fatal(err)
			}
			gotID, err1 := kr.Open(idEnc)
			gotPhone, err2 := kr.Open(phoneEnc)
			if pii.SealedKeyID(idEnc) != newKey.ID || pii.SealedKeyID(phoneEnc) != newKey.ID || err1 != nil || err2 != nil || gotID != id || gotPhone != phone {
				t.Fatalf("request %d after rotation: %s %s (%v %v); want both under %s and unchanged", rid, idEnc, phoneEnc, err1, err2, newKey.ID)
			}
			if want := kr.BlindIndex(request.Applicant{Name: "张三", ID: id}.Key()); key != want {
				t.Fatalf("request %d blind index %s; want %s (recomputed under the new key)", rid, key, want)
			}
		}
		var totp string
		if err := st.DB().QueryRowContext(ctx, "SELECT totp_secret FROM users WHERE totp_secret <> '' LIMIT 1").Scan(&totp); err != nil || pii.SealedKeyID(totp) != newKey.ID {
			t.Fatalf("TOTP secret %q (%v); want it under %s", totp, err, newKey.ID)
		}
		// The old key is retired, still loaded: an old backup opens.
		if _, err := os.Stat(rot.Retired); err != nil {
			t.Fatalf("retired key: %v", err)
		}
		sealedBefore, _ := old.Seal("旧备份中的值")
		if v, err := kr.Open(sealedBefore); err != nil || v != "旧备份中的值" {
			t.Fatalf("a value sealed with the retired key: %q, %v", v, err)
		}
		if _, err := os.Stat(src.Path + pii.NextSuffix); err == nil {
			t.Fatal("pii.key.next left behind")
		}
	})
}

func mustAuditKey(t *testing.T) *audit.Key {
	t.Helper()
	k, err := audit.ParseKey(testAuditKey)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func rebindTest(st *sqlstore.Store, q string) string {
	if st.Dialect() == "postgres" {
		return strings.Replace(q, "?", "$1", 1)
	}
	return q
}
