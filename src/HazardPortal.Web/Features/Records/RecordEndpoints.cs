using HazardPortal.Core.Records;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Records;

/// <summary>The field-record API of API.md ("Field records", "Public reports"); the pages call the same services.</summary>
public static class RecordEndpoints
{
    public sealed record ListParameters(string? Jurisdiction, Guid? EnterpriseId, DateOnly? From, DateOnly? To, string? Kind, int? Page, int? PageSize)
    {
        public RecordSupport.ListFilter ToFilter() => new(Jurisdiction, EnterpriseId, From, To, Kind, Page ?? 1, PageSize ?? 50);
    }

    public sealed record LinkHazard(Guid HazardId);

    public static void MapRecords(this IEndpointRouteBuilder app)
    {
        var business = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.Policies.Business);

        var inspections = business.MapGroup("/inspections").WithTags("Inspections");
        inspections.MapGet("/", async ([AsParameters] ListParameters p, bool? awaitingMySignature, Inspections s, CancellationToken ct) =>
            Results.Ok(await s.ListAsync(p.ToFilter(), awaitingMySignature == true, ct)));
        inspections.MapPost("/", async (Inspections.Command c, Inspections s, CancellationToken ct) =>
            (await s.CreateAsync(c, ct)).ToCreated(i => $"/api/v1/inspections/{i.Id}"));
        inspections.MapGet("/{id:guid}", async (Guid id, Inspections s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToHttp());
        inspections.MapPut("/{id:guid}", async (Guid id, Inspections.Command c, Inspections s, CancellationToken ct) => (await s.EditAsync(id, c, ct)).ToHttp());
        inspections.MapPost("/{id:guid}/sign", async (Guid id, Inspections s, CancellationToken ct) => (await s.SignAsync(id, ct)).ToHttp());
        inspections.MapPost("/{id:guid}/amend", async (Guid id, Inspections.Command c, Inspections s, CancellationToken ct) =>
            (await s.AmendAsync(id, c, ct)).ToCreated(i => $"/api/v1/inspections/{i.Id}"));
        inspections.MapPost("/{id:guid}/hazards", async (Guid id, LinkHazard c, Inspections s, CancellationToken ct) => (await s.LinkHazardAsync(id, c.HazardId, ct)).ToHttp());
        inspections.MapGet("/export.xlsx", ([AsParameters] ListParameters p, Inspections s, TimeProvider clock) =>
            new Shared.XlsxResult(ct => RecordExport.WorkbookAsync("检查记录", clock, RecordColumns.Inspections, RecordExport.AllAsync(f => s.ListAsync(f), p.ToFilter()), ct), "检查记录.xlsx"));

        var enforcement = business.MapGroup("/enforcement-actions").WithTags("Enforcement");
        enforcement.MapGet("/", async ([AsParameters] ListParameters p, Enforcement s, CancellationToken ct) => Results.Ok(await s.ListAsync(p.ToFilter(), ct)));
        enforcement.MapPost("/", async (Enforcement.Command c, Enforcement s, CancellationToken ct) =>
            (await s.CreateAsync(c, ct)).ToCreated(a => $"/api/v1/enforcement-actions/{a.Id}"));
        enforcement.MapGet("/{id:guid}", async (Guid id, Enforcement s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToHttp());
        enforcement.MapGet("/export.xlsx", ([AsParameters] ListParameters p, Enforcement s, TimeProvider clock) =>
            new Shared.XlsxResult(ct => RecordExport.WorkbookAsync("执法措施", clock, RecordColumns.Enforcement, RecordExport.AllAsync(f => s.ListAsync(f), p.ToFilter()), ct), "执法措施.xlsx"));

        var activities = business.MapGroup("/leadership-activities").WithTags("Leadership");
        activities.MapGet("/", async ([AsParameters] ListParameters p, Leadership s, CancellationToken ct) => Results.Ok(await s.ListActivitiesAsync(p.ToFilter(), ct)));
        activities.MapPost("/", async (Leadership.ActivityCommand c, Leadership s, CancellationToken ct) =>
            (await s.CreateActivityAsync(c, ct)).ToCreated(a => $"/api/v1/leadership-activities/{a.Id}"));
        activities.MapGet("/{id:guid}", async (Guid id, Leadership s, CancellationToken ct) => (await s.GetActivityAsync(id, ct)).ToHttp());
        activities.MapGet("/export.xlsx", ([AsParameters] ListParameters p, Leadership s, TimeProvider clock) =>
            new Shared.XlsxResult(ct => RecordExport.WorkbookAsync("组织领导活动", clock, RecordColumns.Activities, RecordExport.AllAsync(f => s.ListActivitiesAsync(f), p.ToFilter()), ct), "组织领导活动.xlsx"));

        business.MapPut("/jurisdictions/{code}/facts", async (string code, Leadership.FactsCommand c, Leadership s, CancellationToken ct) => (await s.SetFactsAsync(code, c, ct)).ToHttp()).WithTags("Leadership");
        business.MapGet("/jurisdictions/{code}/facts", async (string code, Leadership s, CancellationToken ct) => (await s.FactsAsync(code, ct)).ToHttp()).WithTags("Leadership");

        var rewards = business.MapGroup("/rewards").WithTags("Leadership");
        rewards.MapGet("/", async ([AsParameters] ListParameters p, Leadership s, CancellationToken ct) => Results.Ok(await s.ListRewardsAsync(p.ToFilter(), ct)));
        rewards.MapPost("/", async (Leadership.RewardCommand c, Leadership s, CancellationToken ct) => (await s.CreateRewardAsync(c, ct)).ToCreated(r => $"/api/v1/rewards/{r.Id}"));
        rewards.MapGet("/{id:guid}", async (Guid id, Leadership s, CancellationToken ct) => (await s.GetRewardAsync(id, ct)).ToHttp());
        rewards.MapGet("/export.xlsx", ([AsParameters] ListParameters p, Leadership s, TimeProvider clock) =>
            new Shared.XlsxResult(ct => RecordExport.WorkbookAsync("举报奖励", clock, RecordColumns.Rewards, RecordExport.AllAsync(f => s.ListRewardsAsync(f), p.ToFilter()), ct), "举报奖励.xlsx"));

        var notices = business.MapGroup("/hazard-notices").WithTags("Hazard notices");
        notices.MapGet("/", async (HazardNotices s, CancellationToken ct) => Results.Ok(await s.ListAsync(ct)));
        notices.MapGet("/preview", async (DateOnly from, DateOnly to, HazardNotices s, CancellationToken ct) => (await s.PreviewAsync(new(from, to), ct)).ToHttp());
        notices.MapGet("/{id:guid}", async (Guid id, HazardNotices s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToHttp());
        notices.MapPost("/", async (HazardNotices.PeriodCommand c, HazardNotices s, CancellationToken ct) => (await s.PublishAsync(c, ct)).ToCreated(n => $"/api/v1/hazard-notices/{n.Id}"));

        var drills = business.MapGroup("/drills").WithTags("Drills");
        drills.MapGet("/", async ([AsParameters] ListParameters p, EnterpriseDuties s, CancellationToken ct) => Results.Ok(await s.ListDrillsAsync(p.ToFilter(), ct)));
        drills.MapPost("/", async (EnterpriseDuties.DrillCommand c, EnterpriseDuties s, CancellationToken ct) => (await s.RecordDrillAsync(c, ct)).ToCreated(d => $"/api/v1/drills/{d.Id}"));
        drills.MapGet("/{id:guid}", async (Guid id, EnterpriseDuties s, CancellationToken ct) => (await s.GetDrillAsync(id, ct)).ToHttp());
        drills.MapGet("/export.xlsx", ([AsParameters] ListParameters p, EnterpriseDuties s, TimeProvider clock) =>
            new Shared.XlsxResult(ct => RecordExport.WorkbookAsync("应急演练", clock, RecordColumns.Drills, RecordExport.AllAsync(f => s.ListDrillsAsync(f), p.ToFilter()), ct), "应急演练.xlsx"));
        business.MapGet("/duties", async (string? jurisdiction, DateOnly? asOf, bool? behind, EnterpriseDuties s, CancellationToken ct) =>
            (await s.DutiesAsync(jurisdiction, asOf, behind == true, ct)).ToHttp()).WithTags("Drills");
        business.MapGet("/duties/export.xlsx", async (string? jurisdiction, DateOnly? asOf, bool? behind, EnterpriseDuties s, TimeProvider clock, CancellationToken ct) =>
            (await s.DutiesAsync(jurisdiction, asOf, behind == true, ct)).ToHttp(rows =>
                new Shared.XlsxResult(token => RecordExport.WorkbookAsync("企业主要负责人带队检查和应急演练落实情况", clock, RecordColumns.Duties, rows, token), "带队检查和应急演练落实情况.xlsx"))).WithTags("Drills");

        var problems = business.MapGroup("/problems").WithTags("Problems");
        problems.MapGet("/", async ([AsParameters] ListParameters p, bool? rectified, Problems s, CancellationToken ct) => Results.Ok(await s.ListAsync(p.ToFilter(), rectified, ct)));
        problems.MapPost("/", async (Problems.Command c, Problems s, CancellationToken ct) => (await s.CreateAsync(c, ct)).ToCreated(r => $"/api/v1/problems/{r.Id}"));
        problems.MapGet("/{id:guid}", async (Guid id, Problems s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToHttp());
        problems.MapPut("/{id:guid}", async (Guid id, Problems.Command c, Problems s, CancellationToken ct) => (await s.UpdateAsync(id, c, ct)).ToHttp());
        problems.MapGet("/export.xlsx", ([AsParameters] ListParameters p, bool? rectified, Problems s, TimeProvider clock) =>
            new Shared.XlsxResult(ct => RecordExport.WorkbookAsync("突出问题清单", clock, RecordColumns.Problems, RecordExport.AllAsync(f => s.ListAsync(f, rectified), p.ToFilter()), ct), "突出问题清单.xlsx"));

        var risks = business.MapGroup("/risks").WithTags("Risks");
        risks.MapGet("/", async ([AsParameters] ListParameters p, bool? controlled, Risks s, CancellationToken ct) => Results.Ok(await s.ListAsync(p.ToFilter(), controlled, ct)));
        risks.MapPost("/", async (Risks.Command c, Risks s, CancellationToken ct) => (await s.CreateAsync(c, ct)).ToCreated(r => $"/api/v1/risks/{r.Id}"));
        risks.MapGet("/{id:guid}", async (Guid id, Risks s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToHttp());
        risks.MapPut("/{id:guid}", async (Guid id, Risks.Command c, Risks s, CancellationToken ct) => (await s.UpdateAsync(id, c, ct)).ToHttp());
        risks.MapGet("/export.xlsx", ([AsParameters] ListParameters p, bool? controlled, Risks s, TimeProvider clock) =>
            new Shared.XlsxResult(ct => RecordExport.WorkbookAsync("重大安全风险管控责任清单", clock, RecordColumns.Risks, RecordExport.AllAsync(f => s.ListAsync(f, controlled), p.ToFilter()), ct), "重大安全风险管控责任清单.xlsx"));

        var commitments = business.MapGroup("/commitments").WithTags("Commitments");
        commitments.MapPost("/", async (Commitments.CreateCommand c, Commitments s, CancellationToken ct) => (await s.CreateAsync(c, ct)).ToCreated(r => $"/api/v1/commitments/{r.Id}"));
        commitments.MapGet("/mine", async (string? campaign, Commitments s, CancellationToken ct) => await s.MineAsync(campaign, ct) is { } r ? Results.Ok(r) : Results.Ok(new { }));
        commitments.MapGet("/status", async (string? jurisdiction, string? campaign, Commitments s, CancellationToken ct) => (await s.StatusAsync(jurisdiction, campaign, ct)).ToHttp());
        commitments.MapGet("/status/export.xlsx", async (string? jurisdiction, string? campaign, Commitments s, TimeProvider clock, CancellationToken ct) =>
            (await s.StatusAsync(jurisdiction, campaign, ct)).ToHttp(report =>
                new Shared.XlsxResult(token => RecordExport.WorkbookAsync("安全生产承诺回执书报送情况", clock, RecordColumns.Commitments, report.Rows, token), "承诺回执书报送情况.xlsx")));
        commitments.MapGet("/{id:guid}", async (Guid id, Commitments s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToHttp());
        commitments.MapPost("/{id:guid}/sign", async (Guid id, Commitments s, CancellationToken ct) => (await s.SignAsync(id, ct)).ToHttp());

        var queue = business.MapGroup("/public-reports").WithTags("Public reports");
        queue.MapGet("/", async (PublicReportStatus? status, PublicReports s, CancellationToken ct) => (await s.QueueAsync(status, ct)).ToHttp());
        queue.MapGet("/{id:guid}", async (Guid id, PublicReports s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToHttp());
        queue.MapPost("/{id:guid}/triage", async (Guid id, PublicReports.TriageCommand c, PublicReports s, CancellationToken ct) => (await s.TriageAsync(id, c, ct)).ToHttp());
        queue.MapPost("/{id:guid}/assign", async (Guid id, PublicReports.AssignCommand c, PublicReports s, CancellationToken ct) => (await s.AssignAsync(id, c, ct)).ToHttp());
        queue.MapGet("/checks", async (PublicReports s, CancellationToken ct) => (await s.ChecksAsync(ct)).ToHttp());
        // The township's reply: a form with its findings and up to three photos.
        queue.MapPost("/{id:guid}/reply", async (Guid id, HttpRequest request, PublicReports s, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["findings"] = ["请以表单（multipart/form-data）提交核查情况和照片"] }, title: "提交的内容有误，请按提示修改");
            }

            var form = await request.ReadFormAsync(ct);
            var files = form.Files.Where(f => f.Length > 0).ToList();
            var streams = files.Select(f => (f.OpenReadStream(), f.Length)).ToList();
            try
            {
                return (await s.ReplyAsync(id, form["findings"].ToString(), streams, ct)).ToHttp();
            }
            finally
            {
                foreach (var (stream, _) in streams)
                {
                    await stream.DisposeAsync();
                }
            }
        }).DisableAntiforgery();
        queue.MapGet("/photos/{photoId:guid}", async (Guid photoId, PublicReports s, HttpContext http, CancellationToken ct) =>
            (await s.PhotoAsync(photoId, ct)).ToHttp(p => SecurityHeaders.StoredFile(http, p.Content, p.ContentType, $"report-photo-{photoId}.jpg", inline: true)));

        // The public door: no sign-in, limited per address, status only.
        var open = app.MapGroup("/api/v1/public/reports").WithTags("Public reports").AllowAnonymous();
        open.MapPost("/", async (PublicReports.FileCommand c, HttpContext http, PublicReports s, CancellationToken ct) =>
            (await s.FileAsync(c, http.Connection.RemoteIpAddress, ct)).ToHttp(r => Results.Json(r, statusCode: StatusCodes.Status201Created)));
        open.MapPost("/{code}/photos", async (string code, IFormFile? file, HttpContext http, PublicReports s, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请选择照片文件"] }, title: "提交的内容有误，请按提示修改");
            }

            await using var stream = file.OpenReadStream();
            return (await s.AddPhotoAsync(code, stream, file.Length, http.Connection.RemoteIpAddress, ct)).ToHttp(id => Results.Json(new { id }, statusCode: StatusCodes.Status201Created));
        }).DisableAntiforgery();
        open.MapGet("/{code}", async (string code, HttpContext http, PublicReports s, CancellationToken ct) =>
            (await s.StatusAsync(code, http.Connection.RemoteIpAddress, ct)).ToHttp(r => Results.Ok(new { status = r.Status, statusText = r.StatusText, updatedOn = r.UpdatedOn })));
    }
}
