using HazardPortal.Core.Common;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>The dispatch API of API.md "Dispatch forms".</summary>
public static class DispatchEndpoints
{
    public static void MapDispatch(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dispatch").WithTags("Dispatch").RequireAuthorization(AuthSetup.Policies.Business);
        group.MapGet("/templates", async (DispatchService s, CancellationToken ct) => Results.Ok(await s.TemplatesAsync(ct)));
        group.MapGet("/issues", async (DispatchIssues s, CancellationToken ct) => Results.Ok(await s.ListAsync(ct)));
        group.MapPost("/issues", async (DispatchIssues.IssueCommand c, DispatchIssues s, CancellationToken ct) =>
            (await s.IssueAsync(c, ct)).ToCreated(x => $"/api/v1/dispatch/issues/{x.Id}"));
        group.MapPut("/issues/{id:guid}", async (Guid id, DispatchIssues.CutoffCommand c, DispatchIssues s, CancellationToken ct) => (await s.SetCutoffsAsync(id, c, ct)).ToHttp());
        group.MapGet("/forms", async (string? unit, string? template, string? period, int? cutoff, DispatchService s, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(unit) || string.IsNullOrWhiteSpace(template) || string.IsNullOrWhiteSpace(period)
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["unit"] = ["请指定单位、模板和期间"] }, title: "提交的内容有误，请按提示修改")
                : (await s.OpenAsync(unit, template, period, cutoff, ct)).ToHttp());
        group.MapGet("/forms/{id:guid}", async (Guid id, DispatchService s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToHttp());
        group.MapPut("/forms/{id:guid}", async (Guid id, DispatchService.SaveCommand c, FluentValidation.IValidator<DispatchService.SaveCommand> validator, DispatchService s, CancellationToken ct) =>
            await Validation.CheckAsync(validator, c, ct) is { } invalid ? invalid.ToProblem() : (await s.SaveAsync(id, c, ct)).ToHttp());
        group.MapPost("/forms/{id:guid}/submit", async (Guid id, DispatchService.SubmitCommand c, DispatchService s, CancellationToken ct) =>
            (await s.SubmitAsync(id, c, ct)).ToHttp(o => o.Submitted
                ? Results.Ok(o.Form)
                : Results.Json(new
                {
                    type = "https://tools.ietf.org/html/rfc4918#section-11.2",
                    title = o.Errors.Count > 0 ? "调度表未通过校验，请按提示核实" : "部分数值低于上次审核通过的数值，请说明原因",
                    status = StatusCodes.Status422UnprocessableEntity,
                    errors = o.Errors,
                    warnings = o.Warnings,
                }, statusCode: StatusCodes.Status422UnprocessableEntity, contentType: "application/problem+json")));
        group.MapPost("/forms/{id:guid}/return", async (Guid id, DispatchService.ReturnCommand c, DispatchService s, CancellationToken ct) => (await s.ReturnAsync(id, c, ct)).ToHttp());
        group.MapPost("/forms/{id:guid}/accept", async (Guid id, DispatchService s, CancellationToken ct) => (await s.AcceptAsync(id, ct)).ToHttp());
        group.MapGet("/forms/{id:guid}/history", async (Guid id, DispatchService s, CancellationToken ct) => (await s.HistoryAsync(id, ct)).ToHttp());
        group.MapGet("/forms/{id:guid}/items/{key}/records", async (Guid id, string key, DispatchService s, CancellationToken ct) => (await s.RecordsAsync(id, key, ct)).ToHttp());
        group.MapGet("/forms/{id:guid}/export.xlsx", async (Guid id, FormExport export, CancellationToken ct) =>
            (await export.FormAsync(id, ct)).ToHttp(f => Results.File(f.Content, FormExport.ContentType, f.FileName)));
        group.MapGet("/status", async (string? parent, string? template, string? period, int? cutoff, DispatchService s, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(parent) || string.IsNullOrWhiteSpace(template) || string.IsNullOrWhiteSpace(period)
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["parent"] = ["请指定下发单位、模板和期间"] }, title: "提交的内容有误，请按提示修改")
                : (await s.StatusAsync(parent, template, period, cutoff, ct)).ToHttp());
        group.MapPost("/reminders", async (DispatchService.RemindCommand c, FluentValidation.IValidator<DispatchService.RemindCommand> validator, DispatchService s, CancellationToken ct) =>
            await Validation.CheckAsync(validator, c, ct) is { } invalid ? invalid.ToProblem() : (await s.RemindAsync(c, ct)).ToHttp());
        group.MapGet("/board/export.xlsx", async (string parent, string template, string period, int? cutoff, FormExport export, CancellationToken ct) =>
            (await export.BoardAsync(parent, template, period, cutoff, ct)).ToHttp(f => Results.File(f.Content, FormExport.ContentType, f.FileName)));
    }
}
