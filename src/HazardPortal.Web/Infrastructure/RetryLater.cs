namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// "Try again in a few seconds", said once for the API and for a browser: 503 with <c>Retry-After</c> and a Chinese
/// problem to the API; to a page request (one that accepts HTML) a small page that says why and reloads itself after
/// the same seconds — a cadre whose page was turned away (the portal busy, the database switching) is brought back
/// without touching anything, and the form restores what was typed from its server-side draft.
/// </summary>
public static class RetryLater
{
    public static async Task WriteAsync(HttpContext context, int seconds, string title, string pageHeading, CancellationToken ct = default)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"refresh\" content=\"{seconds}\"><title>请稍候</title></head>" +
                $"<body style=\"font-family:sans-serif;padding:2rem\"><h1 style=\"font-size:1.25rem\">{pageHeading}</h1><p>本页将在{seconds}秒后自动重试；您已暂存的填写内容不会丢失。</p></body></html>",
                ct);
            return;
        }

        await Results.Problem(title: title, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
    }
}
