using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Features.Admin;
using HazardPortal.Web.Features.Audit;
using HazardPortal.Web.Features.Security;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features;

/// <summary>The admin screens' handlers as API calls, for bulk tools and acceptance checks.</summary>
public static class AdminEndpoints
{
    public sealed record RolesRequest(IReadOnlyList<string> Roles);

    public sealed record DisableRequest(bool Disabled);

    public sealed record BindingRequest(Guid? UnitId, Guid? EnterpriseId);

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(AuthSetup.Policies.SystemAdmin);
        admin.MapPost("/units", async (SaveUnit.Command command, SaveUnit.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, ct)).ToCreated(id => $"/api/v1/admin/units/{id}"));
        admin.MapPost("/enterprises", async (SaveEnterprise.Command command, SaveEnterprise.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, ct)).ToCreated(id => $"/api/v1/enterprises/{id}"));
        admin.MapPost("/places", async (SavePlace.Command command, SavePlace.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, ct)).ToCreated(id => $"/api/v1/admin/places/{id}"));
        admin.MapPost("/users", async (CreateUser.Command command, CreateUser.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, ct)).ToCreated(id => $"/api/v1/admin/users/{id}"));
        admin.MapPost("/users/{id:guid}/disabled", async (Guid id, DisableRequest request, SetUserDisabled.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(new SetUserDisabled.Command(id, request.Disabled), ct)).ToHttp(_ => Results.Ok(new { })));

        admin.MapPut("/users/{id:guid}/binding", async (Guid id, BindingRequest request, RebindUser.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(new RebindUser.Command(id, request.UnitId, request.EnterpriseId), ct)).ToHttp(_ => Results.Ok(new { })));

        var security = app.MapGroup("/api/v1/security").WithTags("Security").RequireAuthorization(AuthSetup.Policies.SecurityAdmin);
        security.MapPut("/users/{id:guid}/roles", async (Guid id, RolesRequest request, AssignRoles.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(new AssignRoles.Command(id, request.Roles), ct)).ToHttp(roles => Results.Ok(new { roles })));
        security.MapPost("/users/{id:guid}/unlock", async (Guid id, UnlockUser.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(new UnlockUser.Command(id), ct)).ToHttp(_ => Results.Ok(new { })));
        security.MapGet("/policy", async (UpdatePolicy.Handler handler, CancellationToken ct) => Results.Ok(await handler.GetAsync(ct)));
        security.MapPut("/policy", async (SecurityPolicy policy, UpdatePolicy.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(policy, ct)).ToHttp());

        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(AuthSetup.Policies.Auditor);
        audit.MapGet("/", async (DateOnly? from, DateOnly? to, string? actor, string? action, int? page, int? pageSize, string? q, string? subject, AuditQueries queries, CancellationToken ct) =>
            (await queries.SearchAsync(new AuditQueries.Search(from, to, actor, action, page ?? 1, pageSize ?? 50, q, subject), ct)).ToHttp());
        audit.MapGet("/verify", async (AuditQueries queries, CancellationToken ct) => (await queries.VerifyAsync(ct)).ToHttp());
        audit.MapPost("/export/verify", async (IFormFile? file, AuditQueries queries, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请上传门户导出的审计日志Excel（不超过50MB）"] }, title: "提交的内容有误，请按提示修改");
            }

            await using var stream = file.OpenReadStream();
            return (await queries.VerifyExportAsync(stream, ct)).ToHttp();
        }).DisableAntiforgery();
        audit.MapGet("/export.xlsx", async (DateOnly? from, DateOnly? to, string? actor, string? action, string? q, string? subject, AuditQueries queries, TimeProvider clock, CancellationToken ct) =>
            (await queries.ExportAsync(new AuditQueries.Search(from, to, actor, action, Q: q, Subject: subject), ct)).ToHttp(bytes =>
                Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"审计日志-{ChinaTime.Format(clock.GetUtcNow(), "yyyyMMdd-HHmm")}.xlsx")));
    }
}
