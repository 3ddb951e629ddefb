namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// The response headers every answer carries (等保: defence against content sniffing, framing, referrer
/// leaks and injected scripts), in one place:
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: same-origin</c>, <c>X-Frame-Options: DENY</c>;</item>
/// <item>on pages, a Content-Security-Policy that allows what Blazor Server and MudBlazor use and nothing else:
/// scripts, styles, fonts and images from the portal itself (MudBlazor sets inline <c>style</c> attributes,
/// hence <c>'unsafe-inline'</c> for styles only), the circuit's WebSocket to the same host, no plugins, no
/// framing, forms posted only to the portal.</item>
/// </list>
/// HSTS is added by <c>UseHsts</c> outside development (on HTTPS requests only), and the session cookie is
/// <c>Secure</c> whenever the request is HTTPS (<c>CookieSecurePolicy.SameAsRequest</c>).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>
    /// A stored file as the portal serves it: never sniffed into something else, named, and kept only in the
    /// user's own browser cache (a photo of a hazard is not for a shared proxy).
    /// </summary>
    public static IResult StoredFile(HttpContext http, byte[] content, string contentType, string fileName, bool inline)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "private, max-age=3600";
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(content, contentType);
    }
}
