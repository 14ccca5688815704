package config

import (
	"net"
	"net/netip"
	"os"
)

// validateEdge checks the listeners beside the main one, TLS and the trusted proxies.
func (c *Config) validateEdge(p *problems) {
	if c.PprofAddr != "" {
		host, port, err := net.SplitHostPort(c.PprofAddr)
		switch {
		case err != nil || !validPort(port):
			p.add("MEMORA_PPROF_ADDR", c.PprofAddr, "must be host:port, e.g. 127.0.0.1:6060")
		case !c.PprofAllowRemote && !loopbackHost(host):
			p.add("MEMORA_PPROF_ADDR", c.PprofAddr, "is not a loopback address: the profiler has no authentication "+
				"(use 127.0.0.1:PORT, or set MEMORA_PPROF_ALLOW_REMOTE=true to force it)")
		}
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || !validPort(port) {
			p.add("MEMORA_METRICS_ADDR", c.MetricsAddr, "must be host:port, e.g. 127.0.0.1:9100")
		}
	}
	switch {
	case (c.TLSCert == "") != (c.TLSKey == ""):
		if c.TLSCert == "" {
			p.add("MEMORA_TLS_CERT", c.TLSCert, "is required with MEMORA_TLS_KEY")
		} else {
			p.add("MEMORA_TLS_KEY", c.TLSKey, "is required with MEMORA_TLS_CERT")
		}
	case c.TLSCert != "":
		for _, v := range [...]struct{ key, path string }{{"MEMORA_TLS_CERT", c.TLSCert}, {"MEMORA_TLS_KEY", c.TLSKey}} {
			if _, err := os.Stat(v.path); err != nil {
				p.add(v.key, v.path, "cannot be read: "+err.Error())
			}
		}
	}
	for _, s := range c.TrustedProxies {
		if _, err := ParsePrefix(s); err != nil {
			p.add("MEMORA_TRUSTED_PROXIES", s, "must be a CIDR such as 10.0.0.0/8 or an address such as 10.0.0.5")
		}
	}
}

// TLS reports whether Memora serves HTTPS itself.
func (c Config) TLS() bool { return c.TLSCert != "" && c.TLSKey != "" }

// ParsePrefix reads a CIDR, or a single address as a one-address prefix.
func ParsePrefix(s string) (netip.Prefix, error) {
	if pfx, err := netip.ParsePrefix(s); err == nil {
		return pfx.Masked(), nil
	}
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen()), nil
}

// loopbackHost is true for localhost and loopback addresses; "" (every interface) is not.
func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.IsLoopback()
}

// TrustedProxyPrefixes is TrustedProxies parsed (valid after Parse).
func (c Config) TrustedProxyPrefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range c.TrustedProxies {
		if p, err := ParsePrefix(s); err == nil {
			out = append(out, p)
		}
	}
	return out
}
