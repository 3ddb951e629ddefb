using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// The portal's one clock: <see cref="TimeProvider"/> for the campaign (the real time, or in demo mode the
/// <see cref="DemoClock"/>), and <see cref="SecurityClock"/> (always real) for sessions, tokens, lockouts and
/// second factors. Demo time applies only where the demo is seeded (<c>Database:SeedDemo</c>, which
/// <c>./portal run</c> sets); a production deployment ignores <c>Demo:Time</c>.
/// </summary>
public static class PortalClock
{
    public static void AddPortalClock(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var setting = configuration[DemoClock.Setting];
        TimeProvider clock = TimeProvider.System;
        if (database.SeedDemo && !string.IsNullOrWhiteSpace(setting))
        {
            if (!DemoClock.TryParse(setting, out var start))
            {
                throw new InvalidOperationException($"{DemoClock.Setting} must be \"yyyy-MM-dd HH:mm\" (China time) between 2023 and 2100, not \"{setting}\".");
            }

            DateTimeOffset? since = null;
            if (configuration[DemoClock.SinceSetting] is { Length: > 0 } anchor)
            {
                if (!DemoClock.TryParseSince(anchor, out var at))
                {
                    throw new InvalidOperationException($"{DemoClock.SinceSetting} must be an instant such as \"2026-12-05T14:40:00Z\", not \"{anchor}\".");
                }

                since = at;
            }

            clock = new DemoClock(start, since: since);
        }

        services.AddSingleton(clock);
        services.AddSingleton(new SecurityClock());

        // The framework's cookie and token lifetimes are real time whatever the campaign's clock says:
        // a cookie stamped with a 2023 expiry would be dropped by the browser at once.
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
        services.PostConfigureAll<BearerTokenOptions>(o => o.TimeProvider = TimeProvider.System);
    }
}
