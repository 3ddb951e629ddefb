using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Audit;

/// <summary>The auditor's reads as API calls: search, chain verification, export and the verification of an exported file.</summary>
public static class AuditEndpoints
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
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
