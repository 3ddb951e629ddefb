using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Campaigns;

/// <summary>Campaigns, phases and deliverables (SPEC §7).</summary>
public static class CampaignEndpoints
{
    public static void MapCampaigns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Campaigns").RequireAuthorization(AuthSetup.Policies.Business);
        group.MapGet("/campaigns", async (CampaignPlans s, CancellationToken ct) => Results.Ok(await s.ListAsync(ct)));
        group.MapPost("/campaigns", async (CampaignPlans.CampaignCommand c, CampaignPlans s, CancellationToken ct) =>
            (await s.CreateCampaignAsync(c, ct)).ToCreated(x => $"/api/v1/campaigns/{x.Code}"));
        group.MapPost("/campaigns/{code}/phases", async (string code, CampaignPlans.PhaseCommand c, CampaignPlans s, CancellationToken ct) =>
            (await s.AddPhaseAsync(code, c, ct)).ToCreated(x => $"/api/v1/campaigns/{code}"));
        group.MapPost("/campaigns/{code}/deliverables", async (string code, CampaignPlans.DeliverableCommand c, CampaignPlans s, CancellationToken ct) =>
            (await s.AddDeliverableAsync(code, c, ct)).ToCreated(x => $"/api/v1/deliverables/{x.Id}"));
        group.MapGet("/deliverables/{id:guid}/status", async (Guid id, CampaignPlans s, CancellationToken ct) => (await s.StatusAsync(id, ct)).ToHttp());
        group.MapPost("/deliverables/{id:guid}/uploads", async (Guid id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? note, CampaignPlans s, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请选择文件"] }, title: "提交的内容有误，请按提示修改");
            }

            await using var stream = file.OpenReadStream();
            return (await s.UploadAsync(id, stream, file.Length, file.FileName, note, ct)).ToHttp(u => Results.Json(new { id = u }, statusCode: StatusCodes.Status201Created));
        }).DisableAntiforgery();
        group.MapGet("/campaign-tasks", async (CampaignTasks s, CancellationToken ct) => Results.Ok(await s.ListAsync(ct)));
        group.MapGet("/campaign-tasks/board", async (CampaignTasks s, CancellationToken ct) => (await s.BoardAsync(ct)).ToHttp());
        group.MapPost("/campaign-tasks/{id:guid}/done", async (
            Guid id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] DateOnly? doneOn, [Microsoft.AspNetCore.Mvc.FromForm] string? note,
            [Microsoft.AspNetCore.Mvc.FromForm] uint? version, CampaignTasks s, CancellationToken ct) =>
        {
            await using var stream = file?.OpenReadStream();
            return (await s.DoneAsync(id, new CampaignTasks.DoneCommand(doneOn, note, version), stream, file?.Length, file?.FileName, ct)).ToHttp();
        }).DisableAntiforgery();
        group.MapGet("/task-completions/{id:guid}/file", async (Guid id, CampaignTasks s, HttpContext http, CancellationToken ct) =>
            (await s.FileAsync(id, ct)).ToHttp(f => SecurityHeaders.StoredFile(http, f.Content, f.ContentType, f.FileName, inline: false)));
        group.MapGet("/deliverable-uploads/{id:guid}", async (Guid id, CampaignPlans s, HttpContext http, CancellationToken ct) =>
            (await s.DownloadAsync(id, ct)).ToHttp(f => SecurityHeaders.StoredFile(http, f.Content, f.ContentType, f.FileName, inline: false)));
    }
}
