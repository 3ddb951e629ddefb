using HazardPortal.Web.Features.Shared;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Enterprises;

public static class EnterpriseEndpoints
{
    public static void MapEnterprises(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises").WithTags("Enterprises").RequireAuthorization();
        group.MapGet("/", async (string? jurisdiction, string? q, int? page, int? pageSize, EnterpriseQueries queries, CancellationToken ct) =>
            (await queries.ListAsync(new EnterpriseQueries.ListQuery(jurisdiction, q, page ?? 1, pageSize ?? 20), ct)).ToHttp());
        group.MapGet("/{id:guid}", async (Guid id, EnterpriseQueries queries, CancellationToken ct) =>
            (await queries.GetAsync(id, ct)).ToHttp());
    }
}
