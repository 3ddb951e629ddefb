using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// Behind a proxy (issue #18: HAProxy in front of two portal nodes) the client's address and scheme arrive in
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c>. They are believed only from the addresses listed in
/// <c>Proxy:Trusted</c> (comma-separated addresses or CIDR networks, e.g. <c>127.0.0.1</c>); the framework's own default
/// (trust loopback) is cleared, so that with nothing configured no forwarded header is read and every audit row and the
/// public intake's rate limit see the connection's own address.
/// </summary>
public static class TrustedProxy
{
    public static void AddTrustedProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = (configuration["Proxy:Trusted"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no proxy listed nothing is read: the middleware would otherwise trust every sender of the headers.
            o.ForwardedHeaders = trusted.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = 1; // one proxy hop: the address the proxy saw
            foreach (var entry in trusted)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    o.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
    }
}
