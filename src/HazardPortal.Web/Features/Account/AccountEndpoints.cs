using HazardPortal.Core.Identity;
using HazardPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace HazardPortal.Web.Features.Account;

public static class AccountEndpoints
{
    public sealed record TokenRequest(string? UserName, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        // Browser sign-in: a plain form post (antiforgery-checked) from the static sign-in page.
        // A stale form (expired antiforgery token) goes back to the page with a message, not a 400 page.
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http, SignInService signIn, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Redirect("/account/login" + QueryString.Create("error", "Expired"));
            }

            var result = await signIn.SignInAsync(userName, password, http.Connection.RemoteIpAddress?.ToString(), AuthSetup.CookieScheme, http.RequestAborted);
            if (result.Outcome != SignInOutcome.Succeeded)
            {
                var query = QueryString.Create(new Dictionary<string, string?>
                {
                    ["error"] = result.Outcome.ToString(),
                    ["userName"] = userName,
                    ["until"] = result.LockedUntil?.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm"),
                    ["returnUrl"] = returnUrl,
                });
                return Results.Redirect("/account/login" + query);
            }

            await http.SignInAsync(AuthSetup.CookieScheme, result.Principal!);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).DisableAntiforgery();

        // Sign-out is a POST with the antiforgery token (the header's form), so that no other site can sign a
        // user out; a stale page's token sends the user back to a fresh page, where the button works.
        app.MapPost("/account/logout", async (HttpContext http, string? reason, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Redirect("/");
            }

            await http.SignOutAsync(AuthSetup.CookieScheme);
            return Results.Redirect(reason == "idle" ? "/account/login?reason=idle" : "/account/login");
        }).DisableAntiforgery();

        // Pinged by the idle timer while the user is active, so the sliding cookie stays fresh
        // even though an interactive page makes no HTTP requests of its own.
        app.MapGet("/account/keepalive", () => Results.NoContent()).RequireAuthorization();

        var api = app.MapGroup("/api/v1").WithTags("Account");
        api.MapPost("/auth/token", async (TokenRequest request, HttpContext http, SignInService signIn) =>
        {
            var result = await signIn.SignInAsync(request.UserName, request.Password, http.Connection.RemoteIpAddress?.ToString(), AuthSetup.BearerScheme, http.RequestAborted);
            return result.Outcome switch
            {
                SignInOutcome.Succeeded => Results.SignIn(result.Principal!, authenticationScheme: AuthSetup.BearerScheme),
                SignInOutcome.LockedOut => Results.Problem(title: result.Message, statusCode: StatusCodes.Status423Locked),
                _ => Results.Problem(title: result.Message, statusCode: StatusCodes.Status401Unauthorized),
            };
        }).AllowAnonymous();

        // A new token pair for a valid refresh token (each answer carries a new refresh token as well); refused
        // once the account's security stamp changed (roles, unlock, disable, lockout), it is disabled or locked,
        // or the refresh token expired (14 days).
        api.MapPost("/auth/refresh", async (RefreshRequest request, HttpContext http, SignInService signIn, TimeProvider clock,
            Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> options) =>
        {
            var ticket = string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 4096
                ? null
                : options.Get(AuthSetup.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || await signIn.RefreshAsync(ticket.Principal, AuthSetup.BearerScheme, http.RequestAborted) is not { } principal)
            {
                return Results.Problem(title: "刷新令牌无效或已失效，请重新登录", statusCode: StatusCodes.Status401Unauthorized);
            }

            return Results.SignIn(principal, authenticationScheme: AuthSetup.BearerScheme);
        }).AllowAnonymous();

        api.MapGet("/me", (HttpContext http) => Results.Ok(CurrentUser.From(http.User))).RequireAuthorization();
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
