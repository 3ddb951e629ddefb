using HazardPortal.Core.Common;
using System.Security.Claims;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// Where the access scope comes from. An HTTP request: the authenticated principal, after checking
/// that the account is still enabled and its security stamp unchanged. A Blazor circuit: the circuit's
/// authentication state (HttpContext is null inside a circuit), re-checked every minute.
/// </summary>
public static class Scoping
{
    public static IApplicationBuilder UseAccessScope(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var checker = context.RequestServices.GetRequiredService<AccountStillValid>();
                if (!await checker.IsValidAsync(context.User, context.RequestAborted))
                {
                    await context.SignOutAsync(AuthSetup.CookieScheme);
                    context.User = new ClaimsPrincipal(new ClaimsIdentity());
                }
            }

            context.RequestServices.GetRequiredService<ScopeAccessor>().Current = AccessScope.FromPrincipal(context.User);
            await next();
        });
}

/// <summary>An account whose stamp changed (roles, binding, password, disabled) or that is locked signs out.</summary>
public sealed class AccountStillValid(PortalDb portalDb, SecurityClock clock)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return false;
        }

        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("session-check", id));
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.Disabled, u.LockoutEnd }).SingleOrDefaultAsync(ct);
        return user is not null
            && !user.Disabled
            && (user.LockoutEnd is null || user.LockoutEnd <= clock.GetUtcNow())
            && user.SecurityStamp == principal.FindFirstValue(PortalClaims.SecurityStamp);
    }
}

/// <summary>Sets the circuit's scope when it opens and whenever its authentication state changes.</summary>
public sealed class ScopeCircuitHandler(AuthenticationStateProvider authentication, ScopeAccessor accessor) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        var state = await authentication.GetAuthenticationStateAsync();
        accessor.Current = AccessScope.FromPrincipal(state.User);
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;

    private void OnChanged(Task<AuthenticationState> task) =>
        _ = task.ContinueWith(t => accessor.Current = t.IsCompletedSuccessfully ? AccessScope.FromPrincipal(t.Result.User) : AccessScope.None, TaskScheduler.Default);
}

/// <summary>Re-checks a circuit's account every minute; a disabled, locked or changed account loses its scope.</summary>
public sealed class RevalidatingStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountStillValid>().IsValidAsync(authenticationState.User, cancellationToken);
    }
}
