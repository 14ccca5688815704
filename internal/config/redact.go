package config

import (
	"log/slog"
	"net/url"
	"strings"
)

// redact hides credentials in URLs (also in comma-separated lists) so that
// errors and logs can quote configuration values.
func redact(value string) string {
	parts := strings.Split(value, ",")
	for i, part := range parts {
		parts[i] = redactURL(part)
	}
	return strings.Join(parts, ",")
}

func redactURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return s
	}
	// Webhook tokens often live in the path or query (Slack, Teams…).
	if (u.Scheme == "http" || u.Scheme == "https") && (u.RawQuery != "" || strings.Count(u.Path, "/") > 1) {
		return u.Scheme + "://" + u.Host + "/…"
	}
	if _, has := u.User.Password(); has {
		return u.Redacted()
	}
	return s
}

// LogValue logs the configuration without secrets.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("addr", c.Addr),
		slog.String("database", string(c.Database.Engine)),
		slog.String("database_url", redact(c.DatabaseURL)),
		slog.String("database_replica_url", redact(c.DatabaseReplicaURL)),
		slog.String("redis_url", redact(c.RedisURL)),
		slog.String("log_level", c.LogLevel),
		slog.Float64("request_timeout_seconds", c.RequestTimeout.Seconds()),
		slog.Int64("max_body_bytes", c.MaxBodyBytes),
		slog.Bool("worker", c.Worker),
		slog.Bool("cookie_secure", c.CookieSecure),
		slog.Any("trusted_origins", c.TrustedOrigins),
		slog.String("smtp_url", redact(c.SMTPURL)),
		slog.String("alert_webhook", redact(c.AlertWebhook)),
	)
}
