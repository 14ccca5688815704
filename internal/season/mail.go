package season

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

// mailTimeout bounds one SMTP conversation.
const mailTimeout = 15 * time.Second

// smtpTarget is a parsed MEMORA_SMTP_URL: smtp://[user:password@]host[:port][?from=addr]
// (STARTTLS when the server offers it) or smtps:// (TLS from the first byte).
type smtpTarget struct {
	addr     string
	host     string
	implicit bool
	auth     smtp.Auth
	from     string
}

func parseSMTP(raw string) (smtpTarget, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return smtpTarget{}, fmt.Errorf("smtp url: must be smtp:// or smtps:// with a host")
	}
	t := smtpTarget{host: u.Hostname(), implicit: u.Scheme == "smtps", from: u.Query().Get("from")}
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

// sendMail sends one plain-text UTF-8 message.
func sendMail(ctx context.Context, rawURL string, to []string, subject, body string) error {
	t, err := parseSMTP(rawURL)
	if err != nil {
		return err
	}
	conn, err := dialSMTP(ctx, t)
	if err != nil {
		return fmt.Errorf("smtp dial: %w", err)
	}
	c, err := smtp.NewClient(conn, t.host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %w", err)
	}
	defer c.Close()
	if err := converse(c, t, to, message(t.from, to, subject, body)); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	return c.Quit()
}

func dialSMTP(ctx context.Context, t smtpTarget) (net.Conn, error) {
	d := &net.Dialer{Timeout: mailTimeout}
	var (
		conn net.Conn
		err  error
	)
	if t.implicit {
		conn, err = (&tls.Dialer{NetDialer: d, Config: &tls.Config{ServerName: t.host}}).DialContext(ctx, "tcp", t.addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", t.addr)
	}
	if err != nil {
		return nil, err
	}
	return conn, conn.SetDeadline(time.Now().Add(mailTimeout))
}

func converse(c *smtp.Client, t smtpTarget, to []string, msg []byte) error {
	if ok, _ := c.Extension("STARTTLS"); ok && !t.implicit {
		if err := c.StartTLS(&tls.Config{ServerName: t.host}); err != nil {
			return err
		}
	}
	if t.auth != nil {
		if err := c.Auth(t.auth); err != nil {
			return err
		}
	}
	if err := c.Mail(t.from); err != nil {
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

// message builds the e-mail. Date is the send time (wall clock on purpose: it is what mail
// clients show, not a scheduling decision).
func message(from string, to []string, subject, body string) []byte {
	subject = strings.NewReplacer("\r", " ", "\n", " ").Replace(subject)
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", from, strings.Join(to, ", "),
		mime.BEncoding.Encode("UTF-8", subject), time.Now().UTC().Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(body, "\n", "\r\n"))
	return []byte(b.String())
}
