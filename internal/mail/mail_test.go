package mail_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/mail"
)

// received is what the fake server kept of one conversation.
type received struct {
	from string
	to   []string
	data string
}

// fakeSMTP accepts one conversation on a local port and hands over what it received.
func fakeSMTP(t *testing.T) (addr string, got <-chan received) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	ch := make(chan received, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		ch <- converse(conn)
	}()
	return ln.Addr().String(), ch
}

func converse(conn net.Conn) received {
	r := bufio.NewReader(conn)
	reply := func(s string) { io.WriteString(conn, s+"\r\n") }
	var m received
	reply("220 fake")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return m
		}
		cmd := strings.TrimSpace(line)
		switch upper := strings.ToUpper(cmd); {
		case strings.HasPrefix(upper, "MAIL FROM:"):
			m.from = strings.Trim(cmd[len("MAIL FROM:"):], "<> ")
			reply("250 ok")
		case strings.HasPrefix(upper, "RCPT TO:"):
			m.to = append(m.to, strings.Trim(cmd[len("RCPT TO:"):], "<> "))
			reply("250 ok")
		case upper == "DATA":
			reply("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil || l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			m.data = b.String()
			reply("250 queued")
		case upper == "QUIT":
			reply("221 bye")
			return m
		default:
			reply("250 ok")
		}
	}
}

func wait(t *testing.T, got <-chan received) received {
	t.Helper()
	select {
	case m := <-got:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("the server received no mail")
		return received{}
	}
}

func TestAMessageReachesTheServerWithItsSenderRecipientsSubjectAndBody(t *testing.T) {
	addr, got := fakeSMTP(t)
	s, err := mail.NewSMTP("smtp://" + addr + "?from=noreply@memora.test")
	require.NoError(t, err)
	require.Equal(t, "noreply@memora.test", s.From())
	err = s.Send(context.Background(), mail.Message{To: []string{"a@x.test", "b@x.test"},
		Subject: "إعادة تعيين كلمة المرور\r\nBcc: evil@x.test", Body: "Open this link:\nhttps://memora.test/reset?token=abc\n.\nthe end"})
	require.NoError(t, err)
	m := wait(t, got)
	require.Equal(t, "noreply@memora.test", m.from)
	require.Equal(t, []string{"a@x.test", "b@x.test"}, m.to)
	require.Contains(t, m.data, "To: a@x.test, b@x.test\r\n")
	require.Contains(t, m.data, "Subject: =?UTF-8?b?", "a non-ASCII subject is encoded")
	require.NotContains(t, m.data, "\r\nBcc:", "a line break in the subject cannot add a header")
	require.Contains(t, m.data, "Content-Type: text/plain; charset=UTF-8\r\n")
	require.Contains(t, m.data, "https://memora.test/reset?token=abc\r\n..\r\nthe end", "lines are CRLF and a lone dot is escaped")
}

func TestTheSenderDefaultsToMemoraAtTheServersHost(t *testing.T) {
	s, err := mail.NewSMTP("smtp://user:secret@mail.example.org:2525")
	require.NoError(t, err)
	require.Equal(t, "memora@mail.example.org", s.From())
}

func TestOnlySMTPURLsWithAHostAreAccepted(t *testing.T) {
	for _, bad := range []string{"", "http://mail.example.org", "smtp://", "mail.example.org:25", "::"} {
		_, err := mail.NewSMTP(bad)
		require.Error(t, err, bad)
		require.Error(t, mail.Send(context.Background(), bad, mail.Message{To: []string{"a@x.test"}}), bad)
	}
}

func TestAnUnreachableServerIsAnError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	err = mail.Send(context.Background(), "smtp://"+addr, mail.Message{To: []string{"a@x.test"}, Subject: "s", Body: "b"})
	require.ErrorContains(t, err, "smtp dial")
}
