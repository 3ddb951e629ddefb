using Microsoft.AspNetCore.Antiforgery;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// Cross-site request forgery, in one place: a write to the API (POST, PUT, PATCH, DELETE under /api) made
/// with the browser's session cookie must carry the antiforgery token (header <c>RequestVerificationToken</c>
/// or form field) or come from the portal's own origin (the browser's <c>Origin</c> header). A foreign or
/// missing origin without a token is refused with 403 before the endpoint runs, whatever the body
/// (JSON, multipart, none). Calls with a bearer token are not ambient credentials and pass unchanged;
/// anonymous calls (the public report) have no session to abuse.
/// </summary>
public static class CrossSiteGuard
{
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api")
                && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
                && context.User.Identity?.IsAuthenticated == true
                && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && !SameOrigin(request)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                var problem = Results.Problem(
                    title: "跨站请求被拒绝：请在门户页面中操作，或使用令牌（Bearer）调用接口",
                    statusCode: StatusCodes.Status403Forbidden);
                await problem.ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>The browser says the request comes from a page of this portal (scheme, host and port alike).</summary>
    private static bool SameOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin
        && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
