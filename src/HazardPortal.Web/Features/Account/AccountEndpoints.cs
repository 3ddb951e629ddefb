using System.Security.Claims;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Features.Shared;
using HazardPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace HazardPortal.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>The token request; <c>code</c> is the authenticator's (or a recovery) code for an account with a second factor.</summary>
    /// <param name="NewPassword">For an account whose password an administrator set: the password it chooses (asked at its first sign-in).</param>
    public sealed record TokenRequest(string? UserName, string? Password, string? Code = null, string? NewPassword = null);

    public sealed record MfaConfirmRequest(string? Code);

    public sealed record RefreshRequest(string? RefreshToken);

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        // Browser sign-in: a plain form post (antiforgery-checked) from the static sign-in page.
        // A stale form (expired antiforgery token) goes back to the page with a message, not a 400 page.
        app.MapPost("/account/login", async Task<IResult> ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http, SignInService signIn, IAntiforgery antiforgery, MfaTicket tickets) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Redirect("/account/login" + QueryString.Create("error", "Expired"));
            }

            var result = await signIn.SignInAsync(userName, password, http.Connection.RemoteIpAddress?.ToString(), AuthSetup.CookieScheme, http.RequestAborted);
            return await NextStepAsync(http, result, tickets, userName, returnUrl);
        }).DisableAntiforgery();

        // A first sign-in with a password an administrator set: the user chooses their own, then the sign-in goes on.
        app.MapPost("/account/password", async Task<IResult> ([FromForm] string? ticket, [FromForm] string? newPassword, [FromForm] string? confirm, HttpContext http, SignInService signIn, IAntiforgery antiforgery, MfaTicket tickets) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http) || tickets.Read(ticket) is not { } t)
            {
                return Results.Redirect("/account/login" + QueryString.Create("error", "Expired"));
            }

            if (newPassword is not { Length: > 0 and <= 200 } || newPassword != confirm)
            {
                return Results.Redirect("/account/password" + QueryString.Create(new Dictionary<string, string?> { ["ticket"] = ticket, ["error"] = "Mismatch" }));
            }

            var result = await signIn.ChangeInitialPasswordAsync(t.UserId, t.Stamp, newPassword, http.Connection.RemoteIpAddress?.ToString(), AuthSetup.CookieScheme, http.RequestAborted);
            if (result.Outcome == SignInOutcome.PasswordRejected)
            {
                return Results.Redirect("/account/password" + QueryString.Create(new Dictionary<string, string?>
                {
                    ["ticket"] = ticket, ["error"] = "Weak", ["why"] = string.Join("；", result.Problems ?? []),
                }));
            }

            return await NextStepAsync(http, result, tickets, null, t.ReturnUrl);
        }).DisableAntiforgery();

        // The second step: the code from the authenticator (or a recovery code) with the first step's ticket.
        app.MapPost("/account/login/mfa", async Task<IResult> ([FromForm] string? ticket, [FromForm] string? code, HttpContext http, SignInService signIn, IAntiforgery antiforgery, MfaTicket tickets) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http) || tickets.Read(ticket) is not { } t)
            {
                return Results.Redirect("/account/login" + QueryString.Create("error", "Expired"));
            }

            var result = await signIn.SecondFactorAsync(t.UserId, t.Stamp, code, http.Connection.RemoteIpAddress?.ToString(), AuthSetup.CookieScheme, http.RequestAborted);
            return result.Outcome == SignInOutcome.Failed
                ? Results.Redirect("/account/login/mfa" + QueryString.Create(new Dictionary<string, string?> { ["ticket"] = ticket, ["error"] = "Code" }))
                : await FinishAsync(http, result, null, t.ReturnUrl);
        }).DisableAntiforgery();

        // Setting up the authenticator the policy asks for: the code it shows confirms it, the recovery codes are shown once.
        app.MapPost("/account/mfa/enrol", async Task<IResult> ([FromForm] string? ticket, [FromForm] string? code, HttpContext http, SignInService signIn, IAntiforgery antiforgery, MfaTicket tickets) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http) || tickets.Read(ticket) is not { } t)
            {
                return Results.Redirect("/account/login" + QueryString.Create("error", "Expired"));
            }

            var (result, codes) = await signIn.ConfirmEnrolmentAsync(t.UserId, t.Stamp, code, http.Connection.RemoteIpAddress?.ToString(), AuthSetup.CookieScheme, http.RequestAborted);
            if (result.Outcome != SignInOutcome.Succeeded)
            {
                return result.Outcome == SignInOutcome.Failed
                    ? Results.Redirect("/account/mfa/enrol" + QueryString.Create(new Dictionary<string, string?> { ["ticket"] = ticket, ["error"] = "Code" }))
                    : await FinishAsync(http, result, null, t.ReturnUrl);
            }

            await http.SignInAsync(AuthSetup.CookieScheme, result.Principal!);
            http.Response.Headers.CacheControl = "no-store"; // the recovery codes are shown once and kept nowhere
            return new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<MfaRecoveryCodes>(new { Codes = codes, Next = IsLocal(t.ReturnUrl) ? t.ReturnUrl : "/" });
        }).DisableAntiforgery();

        // Where a sign-in goes after a step: the new password, the second factor (or setting it up), or in.
        static async Task<IResult> NextStepAsync(HttpContext http, HazardPortal.Core.Identity.SignInResult result, MfaTicket tickets, string? userName, string? returnUrl)
        {
            var next = result.Outcome switch
            {
                SignInOutcome.PasswordChangeRequired => "/account/password",
                SignInOutcome.MfaRequired => "/account/login/mfa",
                SignInOutcome.MfaEnrolmentRequired => "/account/mfa/enrol",
                _ => null,
            };
            return next is not null
                ? Results.Redirect(next + QueryString.Create("ticket", tickets.Issue(result, IsLocal(returnUrl) ? returnUrl : null)))
                : await FinishAsync(http, result, userName, returnUrl);
        }

        static async Task<IResult> FinishAsync(HttpContext http, HazardPortal.Core.Identity.SignInResult result, string? userName, string? returnUrl)
        {
            if (result.Outcome != SignInOutcome.Succeeded)
            {
                var query = QueryString.Create(new Dictionary<string, string?>
                {
                    ["error"] = result.Outcome.ToString(),
                    ["userName"] = userName,
                    ["until"] = (result.LockedUntil is { } until ? ChinaTime.Format(until, "HH:mm") : null),
                    ["left"] = result.AttemptsLeft?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["returnUrl"] = returnUrl,
                });
                return Results.Redirect("/account/login" + query);
            }

            await http.SignInAsync(AuthSetup.CookieScheme, result.Principal!);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }

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
            if (request.NewPassword is { Length: > 200 })
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = ["新密码不超过200个字符"] }, title: "提交的内容有误，请按提示修改");
            }

            var result = await signIn.SignInAsync(request.UserName, request.Password, request.Code, request.NewPassword, http.Connection.RemoteIpAddress?.ToString(), AuthSetup.BearerScheme, http.RequestAborted);
            return result.Outcome switch
            {
                SignInOutcome.Succeeded => Results.SignIn(result.Principal!, authenticationScheme: AuthSetup.BearerScheme),
                SignInOutcome.PasswordChangeRequired => Results.Problem(title: result.Message + "：请在请求中同时提供 newPassword", statusCode: StatusCodes.Status403Forbidden,
                    extensions: new Dictionary<string, object?> { ["passwordChangeRequired"] = true }),
                SignInOutcome.PasswordRejected => Results.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [.. result.Problems ?? []] }, title: result.Message),
                SignInOutcome.Failed when result.AttemptsLeft is { } left => Results.Problem(title: result.Message, statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?> { ["attemptsLeft"] = left }),
                SignInOutcome.LockedOut => Results.Problem(title: result.Message, statusCode: StatusCodes.Status423Locked),
                SignInOutcome.MfaRequired or SignInOutcome.MfaEnrolmentRequired => Results.Problem(title: result.Message, statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?> { ["mfaRequired"] = true, ["enrolmentRequired"] = result.Outcome == SignInOutcome.MfaEnrolmentRequired }),
                _ => Results.Problem(title: result.Message, statusCode: StatusCodes.Status401Unauthorized),
            };
        }).AllowAnonymous();

        // A new token pair for a valid refresh token (each answer carries a new refresh token as well); refused
        // once the account's security stamp changed (roles, unlock, disable, lockout), it is disabled or locked,
        // or the refresh token expired (14 days).
        api.MapPost("/auth/refresh", async (RefreshRequest request, HttpContext http, SignInService signIn, SecurityClock clock,
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

        // A signed-in account sets up its own authenticator: a secret to scan, then a code to confirm it.
        api.MapPost("/me/mfa/setup", async (HttpContext http, SignInService signIn) =>
            Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && await signIn.BeginEnrolmentAsync(me, http.RequestAborted) is { } secret
                ? Results.Ok(new { secret, otpauthUri = Mfa.Uri(secret, http.User.Identity!.Name!) })
                : Results.Problem(title: "双因素认证已启用", statusCode: StatusCodes.Status409Conflict)).RequireAuthorization();
        api.MapPost("/me/mfa/confirm", async (MfaConfirmRequest request, HttpContext http, SignInService signIn) =>
        {
            var me = Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
            var (result, codes) = await signIn.ConfirmEnrolmentAsync(me, null, request.Code, http.Connection.RemoteIpAddress?.ToString(), AuthSetup.BearerScheme, http.RequestAborted);
            return result.Outcome == SignInOutcome.Succeeded
                ? Results.Ok(new { recoveryCodes = codes })
                : Results.Problem(title: "验证码不正确，或尚未开始设置", statusCode: StatusCodes.Status400BadRequest);
        }).RequireAuthorization();

        api.MapGet("/me", (HttpContext http) => Results.Ok(CurrentUser.From(http.User))).RequireAuthorization();
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
