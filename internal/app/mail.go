package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/mailer"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// startMail turns e-mail on when smtp_addr is configured: from now on the
// notices to applicants who gave an address also queue a mail (in the
// notice's transaction), and a worker sends the queue until ctx ends.
// served is the address the server listens on, for the status link when
// public_url is not set. Without smtp_addr it does nothing and returns a
// nil worker.
func startMail(ctx context.Context, st *sqlstore.Store, a *App, cfg config.Config, served string, log *slog.Logger) (*mailer.Worker, error) {
	if !cfg.MailEnabled() {
		return nil, nil
	}
	pw, err := cfg.MailPassword()
	if err != nil {
		return nil, fmt.Errorf("app: mail: %w", err)
	}
	hello := "localhost"
	if u, err := url.Parse(cfg.PublicURL); err == nil && u.Hostname() != "" {
		hello = u.Hostname()
	}
	portal := cfg.PortalURL(served)
	a.Casework.EnableMail(st, portal)
	if a.PublicUsers != nil {
		a.PublicUsers.EnableMail(st, portal) // lockout and registration notices to e-mail logins
	}
	if a.Season != nil && a.keys != nil {
		a.Season.EnableMail(st, a.keys)
	}
	w := &mailer.Worker{Outbox: st, Open: a.Casework.OpenRecipient, Log: log.With(slog.String("component", "mailer")),
		Sender: &mailer.Sender{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom, Username: cfg.SMTPUsername, Password: pw,
			StartTLS: cfg.MailStartTLS(), Hello: hello}}
	log.Info("mail on", slog.String("relay", cfg.SMTPAddr), slog.Bool("starttls", cfg.MailStartTLS()),
		slog.String("portal", portal))
	go w.Run(ctx)
	return w, nil
}
