// Package mail sends plain-text e-mail through the SMTP server of MEMORA_SMTP_URL:
// smtp://[user:password@]host[:port][?from=addr] (STARTTLS when the server offers it) or
// smtps:// (TLS from the first byte).
package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// Timeout bounds one SMTP conversation.
const Timeout = 15 * time.Second

// Message is one plain-text UTF-8 e-mail.
type Message struct {
	To      []string
	Subject string
	Body    string
}

// Mailer sends e-mail.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// SMTP is a Mailer over one SMTP server.
type SMTP struct {
	addr     string
	host     string
	implicit bool
	auth     smtp.Auth
	from     string
}

// NewSMTP parses an smtp:// or smtps:// URL.
func NewSMTP(rawURL string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("smtp url: must be smtp:// or smtps:// with a host")
	}
	t := &SMTP{host: u.Hostname(), implicit: u.Scheme == "smtps", from: u.Query().Get("from")}
	port := u.Port()
	if port == "" {
		port = map[bool]string{false: "25", true: "465"}[t.implicit]
	}
	t.addr = net.JoinHostPort(t.host, port)
	if u.User != nil {
		pw, _ := u.User.Password()
		t.auth = smtp.PlainAuth("", u.User.Username(), pw, t.host)
	}
	if t.from == "" {
		t.from = "memora@" + t.host
	}
	return t, nil
}

// Send sends m through the server of rawURL (a one-off NewSMTP and Send).
func Send(ctx context.Context, rawURL string, m Message) error {
	s, err := NewSMTP(rawURL)
	if err != nil {
		return err
	}
	return s.Send(ctx, m)
}

// From is the sender address.
func (s *SMTP) From() string { return s.from }

// Send delivers one message to all its recipients in one SMTP conversation.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if len(m.To) == 0 {
		return nil
	}
	conn, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp dial: %w", err)
	}
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %w", err)
	}
	defer c.Close()
	if err := s.converse(c, m.To, build(s.from, m)); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("smtp quit: %w", err)
	}
	return nil
}

func (s *SMTP) dial(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{Timeout: Timeout}
	var (
		conn net.Conn
		err  error
	)
	if s.implicit {
		conn, err = (&tls.Dialer{NetDialer: d, Config: &tls.Config{ServerName: s.host}}).DialContext(ctx, "tcp", s.addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", s.addr)
	}
	if err != nil {
		return nil, err
	}
	return conn, conn.SetDeadline(time.Now().Add(Timeout))
}

func (s *SMTP) converse(c *smtp.Client, to []string, msg []byte) error {
	if ok, _ := c.Extension("STARTTLS"); ok && !s.implicit {
		if err := c.StartTLS(&tls.Config{ServerName: s.host}); err != nil {
			return err
		}
	}
	if s.auth != nil {
		if err := c.Auth(s.auth); err != nil {
			return err
		}
	}
	if err := c.Mail(s.from); err != nil {
		return err
	}
	for _, r := range to {
		if err := c.Rcpt(r); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	return w.Close()
}

// build writes the e-mail. Date is the send time (wall clock on purpose: it is what mail
// clients show, not a scheduling decision).
func build(from string, m Message) []byte {
	subject := strings.NewReplacer("\r", " ", "\n", " ").Replace(m.Subject)
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", from, strings.Join(m.To, ", "),
		mime.BEncoding.Encode("UTF-8", subject), time.Now().UTC().Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.Body, "\n", "\r\n"))
	return []byte(b.String())
}
