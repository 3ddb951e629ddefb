using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Campaigns;

/// <summary>
/// The issuer's phase-by-phase task checklist (003 附件3 推进明细表): each task names its phase, level and
/// due day; the units that owe it (child jurisdictions and/or departments of the issuer) mark it done with
/// a note or an attachment; the issuer sees completion by unit and what is overdue.
/// </summary>
public sealed class CampaignTasks(PortalDb portalDb, TimeProvider clock)
{
    public sealed record TaskDto(
        Guid Id, string CampaignCode, string IssuerCode, string Phase, string Level, int No, string Text, DateOnly DueOn, bool Owed, bool Issued,
        DateOnly? DoneOn, string? Note, Guid? CompletionId, string? FileName, bool Overdue, uint? Version);

    public sealed record Cell(Guid TaskId, DateOnly? DoneOn, bool Late, bool Overdue, Guid? CompletionId);

    public sealed record UnitRow(string Unit, string Name, bool IsDepartment, int Done, int Overdue, IReadOnlyList<Cell> Cells);

    public sealed record Board(IReadOnlyList<TaskDto> Tasks, IReadOnlyList<UnitRow> Units);

    public sealed record DoneCommand(DateOnly? DoneOn, string? Note, uint? Version);

    private DateOnly Today => ChinaTime.Today(clock);

    private string OwnCode => portalDb.Scope.OwnCode!;

    /// <summary>The tasks the signed-in unit owes (with its own completion) and those it issued.</summary>
    public async Task<List<TaskDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var parent = portalDb.Scope.ParentCode;
        var own = OwnCode;
        var tasks = await db.CampaignTasks.AsNoTracking()
            .Where(t => t.IssuerJurisdictionCode == own || t.IssuerJurisdictionCode == parent)
            .OrderBy(t => t.IssuerJurisdictionCode).ThenBy(t => t.Position).ToListAsync(ct);
        var key = MyUnitKey();
        var ids = tasks.Select(t => t.Id).ToList();
        var mine = await db.TaskCompletions.AsNoTracking().Where(c => c.UnitKey == key && ids.Contains(c.TaskId))
            .Select(c => new { c.Id, c.TaskId, c.DoneOn, c.Note, c.FileName, c.Version }).ToDictionaryAsync(c => c.TaskId, ct);
        return tasks.Where(t => Owes(t) || Issues(t)).Select(t =>
        {
            var c = mine.GetValueOrDefault(t.Id);
            var owed = Owes(t);
            return new TaskDto(t.Id, t.CampaignCode, t.IssuerJurisdictionCode, t.Phase, t.Level, t.No, t.Text, t.DueOn, owed, Issues(t), c?.DoneOn, c?.Note, c?.Id, c?.FileName,
                owed && c is null && Today > t.DueOn, c?.Version);
        }).ToList();
    }

    /// <summary>Marks a task done for the signed-in unit (again: updates the day, note or attachment).</summary>
    public async Task<Result<TaskDto>> DoneAsync(Guid id, DoneCommand command, Stream? file, long? length, string? fileName, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var task = await db.CampaignTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || !(Owes(task) || Issues(task)))
        {
            return Error.NotFound("工作任务");
        }

        if (!Owes(task))
        {
            return Error.Forbidden("由承担任务的单位标记完成");
        }

        var doneOn = command.DoneOn ?? Today;
        if (doneOn > Today)
        {
            return Error.Invalid("doneOn", "完成日期不能晚于今天");
        }

        if (command.Note is { Length: > 1000 })
        {
            return Error.Invalid("note", "完成情况说明不超过1000字");
        }

        byte[]? bytes = null;
        string? type = null;
        if (file is not null)
        {
            var read = await DeliverableUpload.ReadAsync(file, length, ct);
            if (!read.Succeeded)
            {
                return read.Error!;
            }

            (bytes, type) = read.Value;
        }

        if (bytes is null && string.IsNullOrWhiteSpace(command.Note))
        {
            return Error.Invalid("note", "请填写完成情况说明或上传佐证材料");
        }

        var scope = portalDb.Scope;
        var key = MyUnitKey();
        var completion = await db.TaskCompletions.SingleOrDefaultAsync(c => c.TaskId == id && c.UnitKey == key, ct);
        if (completion is null)
        {
            completion = new TaskCompletion { TaskId = id, UnitKey = key, UnitName = scope.UnitName, Path = new LTree(scope.Path!) };
            db.TaskCompletions.Add(completion);
        }
        else if (command.Version is { } v && v != completion.Version)
        {
            return Error.Conflict("完成情况已被他人修改，请刷新后再试");
        }

        completion.DoneOn = doneOn;
        completion.Note = string.IsNullOrWhiteSpace(command.Note) ? completion.Note : command.Note.Trim();
        if (bytes is not null)
        {
            var name = Path.GetFileName(fileName ?? "佐证材料");
            (completion.FileName, completion.ContentType, completion.Size, completion.Content) = (name[..Math.Min(200, name.Length)], type, bytes.Length, bytes);
        }

        completion.RecordedAt = clock.GetUtcNow();
        completion.RecordedBy = scope.DisplayName;
        completion.Late = doneOn > task.DueOn;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Error.Conflict("完成情况已被他人修改，请刷新后再试");
        }

        return new TaskDto(task.Id, task.CampaignCode, task.IssuerJurisdictionCode, task.Phase, task.Level, task.No, task.Text, task.DueOn, true, false,
            completion.DoneOn, completion.Note, completion.Id, completion.FileName, false, completion.Version);
    }

    /// <summary>The issuer's view: every unit that owes its tasks, task by task — done (late or not), overdue or pending.</summary>
    public async Task<Result<Board>> BoardAsync(CancellationToken ct = default)
    {
        if (!IsIssuer)
        {
            return Error.Forbidden("只有布置单位可以查看推进情况");
        }

        await using var db = portalDb.Open();
        var own = OwnCode;
        var tasks = await db.CampaignTasks.AsNoTracking().Where(t => t.IssuerJurisdictionCode == own).OrderBy(t => t.Position).ToListAsync(ct);
        if (tasks.Count == 0)
        {
            return new Board([], []);
        }

        var recipients = tasks.Aggregate(Recipients.None, (all, t) => all | t.Recipients);
        var units = await IssueRecipients.ListAsync(db, own, recipients, ct);
        var ids = tasks.Select(t => t.Id).ToList();
        var done = (await db.TaskCompletions.AsNoTracking().Where(c => ids.Contains(c.TaskId)).Select(c => new { c.Id, c.TaskId, c.UnitKey, c.DoneOn, c.Late }).ToListAsync(ct))
            .ToDictionary(c => (c.TaskId, c.UnitKey));
        var today = Today;
        var rows = units.Select(u =>
        {
            var cells = tasks.Where(t => t.Recipients.HasFlag(u.IsDepartment ? Recipients.Departments : Recipients.ChildJurisdictions)).Select(t =>
                done.GetValueOrDefault((t.Id, u.Key)) is { } c
                    ? new Cell(t.Id, c.DoneOn, c.Late, false, c.Id)
                    : new Cell(t.Id, null, false, today > t.DueOn, null)).ToList();
            return new UnitRow(u.Key, u.Name, u.IsDepartment, cells.Count(c => c.DoneOn is not null), cells.Count(c => c.Overdue), cells);
        }).ToList();
        var dtos = tasks.Select(t => new TaskDto(t.Id, t.CampaignCode, t.IssuerJurisdictionCode, t.Phase, t.Level, t.No, t.Text, t.DueOn, false, true, null, null, null, null, false, null)).ToList();
        return new Board(dtos, rows);
    }

    public async Task<Result<(byte[] Content, string ContentType, string FileName)>> FileAsync(Guid completionId, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var c = await db.TaskCompletions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == completionId, ct);
        return c?.Content is { } bytes ? (bytes, c.ContentType!, c.FileName!) : Error.NotFound("文件");
    }

    private bool IsIssuer => IssuingRules.IssuesTasks(portalDb.Scope);

    private bool Issues(CampaignTask t) => IsIssuer && t.IssuerJurisdictionCode == OwnCode;

    private string MyUnitKey() => DispatchRules.UnitKeyOf(portalDb.Scope);

    private bool Owes(CampaignTask t) => DispatchRules.Owes(portalDb.Scope, t.IssuerJurisdictionCode, t.Recipients);
}
