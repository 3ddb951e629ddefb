using HazardPortal.Core.Authorization;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
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

    /// <summary>
    /// The named policies of pages and endpoint groups. Each is a <see cref="ScopeRequirement"/> over the signed-in user's
    /// <see cref="AccessScope"/>, decided by the same rule the services apply (<c>Core/Authorization</c>).
    /// </summary>
    public static class Policies
    {
        public const string SystemAdmin = nameof(SystemAdmin);
        public const string SecurityAdmin = nameof(SecurityAdmin);
        public const string Auditor = nameof(Auditor);

        /// <summary>Enterprises, townships, departments and offices.</summary>
        public const string Business = nameof(Business);

        /// <summary>Townships, departments and offices (not enterprises).</summary>
        public const string Government = nameof(Government);

        /// <summary>A 安委办 at its node.</summary>
        public const string SafetyOffice = nameof(SafetyOffice);

        /// <summary>Issuers: a 安委办, or a township's cadres for their villages (the boards).</summary>
        public const string Issuer = nameof(Issuer);

        /// <summary>The keepers of the 组织领导 records: a 安委办 or a township's cadres.</summary>
        public const string LeadershipKeeper = nameof(LeadershipKeeper);

        /// <summary>A township's (or village's) cadre.</summary>
        public const string TownshipCadre = nameof(TownshipCadre);

        /// <summary>Every policy with its rule.</summary>
        public static IReadOnlyDictionary<string, Func<AccessScope, bool>> Rules { get; } = new Dictionary<string, Func<AccessScope, bool>>
        {
            [SystemAdmin] = AccessRules.IsSystemAdmin,
            [SecurityAdmin] = AccessRules.IsSecurityAdmin,
            [Auditor] = AccessRules.IsAuditor,
            [Business] = AccessRules.IsBusinessUser,
            [Government] = AccessRules.IsGovernment,
            [SafetyOffice] = AccessRules.IsSafetyOffice,
            [Issuer] = IssuingRules.IsIssuer,
            [LeadershipKeeper] = s => RecordRules.MayKeepLeadership(s, "组织领导") is null,
            [TownshipCadre] = AccessRules.IsTownshipCadre,
        };
    }

    /// <summary>A page's or endpoint group's requirement: the named rule holds for the user's access scope.</summary>
    public sealed record ScopeRequirement(string Name, Func<AccessScope, bool> Rule) : IAuthorizationRequirement;

    /// <summary>Decides a <see cref="ScopeRequirement"/> from the principal's claims, as every request's scope is built.</summary>
    public sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
        {
            if (requirement.Rule(AccessScope.FromPrincipal(context.User)))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
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

        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        var authorization = services.AddAuthorizationBuilder().SetFallbackPolicy(null);
        foreach (var (name, rule) in Policies.Rules)
        {
            authorization.AddPolicy(name, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(name, rule)));
        }
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
