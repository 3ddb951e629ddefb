using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Dashboards;

public static class DashboardEndpoints
{
    public static void MapDashboards(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/dashboard", async (string? unit, DateOnly? asOf, Dashboards s, CancellationToken ct) => (await s.GetAsync(unit, asOf, ct)).ToHttp())
            .WithTags("Dashboards").RequireAuthorization(AuthSetup.Policies.Business);
        app.MapGet("/api/v1/dashboard/records", async (string? unit, string? figure, DateOnly? from, DateOnly? to, Dashboards s, CancellationToken ct) =>
                (await s.RecordsAsync(unit, figure ?? string.Empty, from, to, ct)).ToHttp())
            .WithTags("Dashboards").RequireAuthorization(AuthSetup.Policies.Business);
    }
}
