using HazardPortal.Core.Flags;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Flags;

/// <summary>Flags and their per-jurisdiction thresholds (issue #6; API.md "Dashboards and notifications").</summary>
public static class FlagEndpoints
{
    public static void MapFlags(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/flags").WithTags("Flags").RequireAuthorization(AuthSetup.Policies.Business);
        group.MapGet("/", async (string? unit, DateOnly? asOf, FlagRule? rule, FlagFinder s, CancellationToken ct) => (await s.FindAsync(unit, asOf, rule, ct: ct)).ToHttp());
        group.MapGet("/settings", async (string? unit, FlagSettings s, CancellationToken ct) => (await s.GetAsync(unit, ct)).ToHttp());
        group.MapPut("/settings/{code}", async (string code, FlagSettings.Command command, FlagSettings s, CancellationToken ct) => (await s.SetAsync(code, command, ct)).ToHttp());
        group.MapDelete("/settings/{code}/{rule}", async (string code, FlagRule rule, FlagSettings s, CancellationToken ct) => (await s.ResetAsync(code, rule, ct)).ToHttp());
    }
}
