using HazardPortal.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// Browser: an HttpOnly cookie with a sliding idle timeout from the security policy. API: bearer
/// tokens from POST /api/v1/auth/token. A policy scheme picks by the Authorization header, and API
/// calls get 401/403 rather than a redirect to the sign-in page.
/// </summary>
public static class AuthSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string BearerScheme = "Bearer";
    public const string SmartScheme = "CookieOrBearer";

    public static class Policies
    {
        public const string SystemAdmin = nameof(SystemAdmin);
        public const string SecurityAdmin = nameof(SecurityAdmin);
        public const string Auditor = nameof(Auditor);
        public const string Business = nameof(Business);
    }

    public static void AddPortalAuth(this IServiceCollection services)
    {
        services.AddSingleton<SessionPolicy>();
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, ConfigureCookie>();
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme)
            .AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(Roles.SystemAdmin))
            .AddPolicy(Policies.SecurityAdmin, p => p.RequireRole(Roles.SecurityAdmin))
            .AddPolicy(Policies.Auditor, p => p.RequireRole(Roles.Auditor))
            .AddPolicy(Policies.Business, p => p.RequireRole(Roles.EnterpriseOfficer, Roles.EnterpriseHead, Roles.TownshipCadre, Roles.DepartmentInspector, Roles.SafetyOffice))
            .SetFallbackPolicy(null);
    }

    private sealed class ConfigureCookie(SessionPolicy session) : IConfigureNamedOptions<CookieAuthenticationOptions>
    {
        public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);

        public void Configure(string? name, CookieAuthenticationOptions options)
        {
            if (name != CookieScheme)
            {
                return;
            }

            options.Cookie.Name = "hp.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(session.IdleTimeoutMinutes);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
        }

        private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }

            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// The idle timeout in force (from the security policy). When the SecurityAdmin changes the policy,
/// the cookie options are rebuilt so new sign-ins and sliding renewals use the new span.
/// </summary>
public sealed class SessionPolicy(IOptionsMonitorCache<CookieAuthenticationOptions> cookieOptions)
{
    public int IdleTimeoutMinutes { get; private set; } = SecurityPolicy.Baseline.IdleTimeoutMinutes;

    public void Apply(SecurityPolicy policy)
    {
        IdleTimeoutMinutes = policy.IdleTimeoutMinutes;
        cookieOptions.TryRemove(AuthSetup.CookieScheme);
    }
}
