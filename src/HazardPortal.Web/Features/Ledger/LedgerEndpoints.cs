using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Shared;
using HazardPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HazardPortal.Web.Features.Ledger;

public static class LedgerEndpoints
{
    public static void MapLedger(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/hazards").WithTags("Hazards").RequireAuthorization(AuthSetup.Policies.Business);
        var supervision = app.MapGroup("/api/v1/supervision").WithTags("Hazards").RequireAuthorization(AuthSetup.Policies.Business);
        supervision.MapGet("/", async (bool? removed, bool? mine, SupervisionList list, CancellationToken ct) => (await list.ListAsync(removed ?? false, mine ?? false, ct)).ToHttp());
        supervision.MapGet("/export.xlsx", async (bool? removed, bool? mine, SupervisionList list, TimeProvider clock, CancellationToken ct) =>
            (await list.ExportAsync(removed ?? false, mine ?? false, ct)).ToHttp(bytes => Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"挂牌督办清单-{ChinaTime.Format(clock.GetUtcNow(), "yyyyMMdd")}.xlsx")));

        group.MapGet("/", async ([AsParameters] ListParameters p, HazardQueries queries, CancellationToken ct) =>
            (await queries.ListAsync(p.ToFilter(), ct)).ToHttp());
        group.MapGet("/export.xlsx", async ([AsParameters] ListParameters p, LedgerExport export, TimeProvider clock, CancellationToken ct) =>
            (await export.ExportAsync(p.ToFilter(), ct)).ToHttp(stream => Results.File(stream, Shared.XlsxStream.ContentType,
                $"隐患台账-{ChinaTime.Format(clock.GetUtcNow(), "yyyyMMdd-HHmm")}.xlsx")));
        group.MapGet("/inspection-list.xlsx", async (string? month, InspectionSheet list, TimeProvider clock, CancellationToken ct) =>
        {
            var period = month ?? ChinaTime.Format(clock.GetUtcNow(), "yyyy-MM");
            return (await list.ExportAsync(period, ct)).ToHttp(bytes => Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"重大事故隐患排查表-{period}.xlsx"));
        });
        group.MapGet("/inspection-list", async (string? month, InspectionSheet list, TimeProvider clock, CancellationToken ct) =>
            (await list.MonthAsync(month ?? ChinaTime.Format(clock.GetUtcNow(), "yyyy-MM"), ct)).ToHttp());
        group.MapGet("/inspection-list/status", async (Shared.InspectionListStatus filings, CancellationToken ct) => Results.Ok(await filings.MonthsAsync(ct)));
        group.MapPost("/inspection-list/filings", async (InspectionListFilingCommand c, InspectionSheet list, CancellationToken ct) => (await list.FileAsync(c.Month, ct)).ToHttp());
        group.MapGet("/assignees", async (Guid? enterpriseId, Guid? placeId, string? sectorCode, PortalDb portalDb, CancellationToken ct) =>
            (await HazardAssignees.QueryAsync(portalDb, enterpriseId, placeId, sectorCode, ct)).ToHttp());
        group.MapGet("/import-template.xlsx", () => Results.File(ImportLedger.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "隐患台账导入模板.xlsx"));
        group.MapPost("/import", async (IFormFile? file, bool? commit, ImportLedger import, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请选择.xlsx文件"] }, title: "提交的内容有误，请按提示修改");
            }

            await using var stream = file.OpenReadStream();
            var preview = await import.PreviewAsync(stream, file.Length, ct);
            if (!preview.Succeeded)
            {
                return preview.Error!.ToProblem();
            }

            var p = preview.Value!;
            if (commit != true)
            {
                return Results.Ok(new { rows = p.Rows, valid = p.Valid.Count, errors = p.Errors, imported = 0 });
            }

            var outcome = await import.CommitAsync(p, null, ct);
            return Results.Ok(new { rows = p.Rows, valid = p.Valid.Count, errors = p.Errors.Concat(outcome.Errors).OrderBy(e => e.Row), imported = outcome.Imported });
        }).DisableAntiforgery();
        group.MapGet("/{id:guid}", async (Guid id, HazardQueries queries, CancellationToken ct) => (await queries.GetAsync(id, ct)).ToHttp());
        group.MapPost("/", async (NewHazard command, [FromHeader(Name = "Idempotency-Key")] string? key, RegisterHazard.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, key, ct)).ToCreated(h => $"/api/v1/hazards/{h.Id}"));
        group.MapPut("/{id:guid}", async (Guid id, EditHazard.Command command, EditHazard.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(id, command, ct)).ToHttp());

        group.MapPost("/{id:guid}/report", async (Guid id, HazardTransitions.Report c, HazardTransitions t, CancellationToken ct) => (await t.ReportAsync(id, c, ct)).ToHttp());
        group.MapPost("/{id:guid}/extend", async (Guid id, HazardTransitions.Extend c, HazardTransitions t, CancellationToken ct) => (await t.ExtendAsync(id, c, ct)).ToHttp());
        group.MapPost("/{id:guid}/rectify", async (Guid id, HazardTransitions.Rectify c, HazardTransitions t, CancellationToken ct) => (await t.RectifyAsync(id, c, ct)).ToHttp());
        group.MapPost("/{id:guid}/verify", async (Guid id, HazardTransitions.Verify c, HazardTransitions t, CancellationToken ct) => (await t.VerifyAsync(id, c, ct)).ToHttp());
        group.MapPost("/{id:guid}/supervise", async (Guid id, HazardTransitions.Supervise c, HazardTransitions t, CancellationToken ct) => (await t.SuperviseAsync(id, c, ct)).ToHttp());
        group.MapPost("/{id:guid}/unsupervise", async (Guid id, HazardTransitions.Unsupervise c, HazardTransitions t, CancellationToken ct) => (await t.UnsuperviseAsync(id, c, ct)).ToHttp());
        group.MapPost("/{id:guid}/void", async (Guid id, HazardTransitions.Void c, HazardTransitions t, CancellationToken ct) => (await t.VoidAsync(id, c, ct)).ToHttp());
        group.MapPost("/{id:guid}/complete", async (Guid id, HazardTransitions.CompleteDraft c, HazardTransitions t, CancellationToken ct) => (await t.CompleteAsync(id, c, ct)).ToHttp());

        group.MapPost("/{id:guid}/photos", async (Guid id, IFormFile? file, [FromForm] string? stage, [FromForm] DateTimeOffset? capturedAt, HazardPhotos photos, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请选择照片文件"] }, title: "提交的内容有误，请按提示修改");
            }

            if (stage is not (null or "" or "before" or "after"))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["stage"] = ["照片阶段只能是 before（整改前）或 after（整改后）"] }, title: "提交的内容有误，请按提示修改");
            }

            var photoStage = stage == "after" ? PhotoStage.After : PhotoStage.Before;
            await using var stream = file.OpenReadStream();
            var uploaded = await photos.UploadAsync(id, stream, file.Length, photoStage, capturedAt, ct);
            return uploaded.Succeeded ? Results.Created($"/api/v1/photos/{uploaded.Value}", new PhotoCreated(uploaded.Value)) : uploaded.Error!.ToProblem();
        }).DisableAntiforgery().Produces<PhotoCreated>(StatusCodes.Status201Created).ProducesValidationProblem();

        app.MapGet("/api/v1/photos/{id:guid}", async (Guid id, HazardPhotos photos, HttpContext http, CancellationToken ct) =>
            (await photos.GetAsync(id, ct)).ToHttp(p => SecurityHeaders.StoredFile(http, p.Content, p.ContentType, $"photo-{id}.jpg", inline: true)))
            .WithTags("Hazards").RequireAuthorization(AuthSetup.Policies.Business);
    }

    /// <summary>The answer to a photo upload, as the contract gives it: <c>{ id }</c>.</summary>
    public sealed record PhotoCreated(Guid Id);

    public sealed record InspectionListFilingCommand(string? Month);

    public sealed record ListParameters(
        Guid? EnterpriseId, Guid? PlaceId, string? Jurisdiction, HazardStatus? Status, HazardSource? Source, HazardGrade? Grade,
        bool? Overdue, bool? DueSoon, bool? Supervised, string? Sector, DateOnly? From, DateOnly? To, bool? Mine, bool? Open, string? Q,
        string? Sort, string? Cursor, int? Page, int? PageSize)
    {
        public HazardQueries.Filter ToFilter() => new()
        {
            EnterpriseId = EnterpriseId, PlaceId = PlaceId, Jurisdiction = Jurisdiction, Status = Status, Source = Source, Grade = Grade,
            Overdue = Overdue, DueSoon = DueSoon, Supervised = Supervised, Sector = Sector, From = From, To = To, Mine = Mine ?? false,
            OpenOnly = Open ?? false, Q = Q, Sort = Sort, Cursor = Cursor, Page = Page ?? 1, PageSize = PageSize ?? 50,
        };
    }
}
