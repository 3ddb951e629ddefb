using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Notifications;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>
/// 催报 (issue #16): the issuer, on its board, reminds every unit that owes the period's form and has not
/// submitted it (missing, a draft, or returned and not yet resubmitted). Each unit's fillers get a
/// notification; each unit is reminded at most once per China-time day (a unique index on
/// <see cref="FormReminder"/>); the reminder rows are the audit trail and the board's "已催报 HH:mm".
/// </summary>
public sealed partial class DispatchService
{
    public sealed record RemindCommand(string? Parent, string? Template, string? Period, int? Cutoff);

    /// <summary>How many units were reminded now (0 when all of them already were today) and how many people that notified.</summary>
    public sealed record RemindOutcome(int Notified, int Users, IReadOnlyList<string> Units);

    public sealed class RemindValidator : AbstractValidator<RemindCommand>
    {
        public RemindValidator()
        {
            RuleFor(c => c.Parent).NotEmpty().WithMessage("请指定下发单位").MaximumLength(60).WithMessage("下发单位代码过长");
            RuleFor(c => c.Template).NotEmpty().WithMessage("请指定调度表模板").MaximumLength(40).WithMessage("模板代码过长");
            RuleFor(c => c.Period).NotEmpty().WithMessage("请指定期间")
                .Must(p => ReportingCalendar.TryParsePeriod(p, out _)).WithMessage("期间格式应为yyyy-MM");
            RuleFor(c => c.Cutoff).InclusiveBetween(1, 31).When(c => c.Cutoff is not null).WithMessage("截止日应在1–31之间");
        }
    }

    private static readonly string[] FillerRoles = [Roles.SafetyOffice, Roles.TownshipCadre];

    public async Task<Result<RemindOutcome>> RemindAsync(RemindCommand command, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(command.Parent) || string.IsNullOrWhiteSpace(command.Template) || !ReportingCalendar.TryParsePeriod(command.Period, out _))
        {
            return Error.Invalid("period", "请指定下发单位、模板和期间（yyyy-MM）");
        }

        await using var db = await ConnectAsync(ct);
        var (holder, _) = await HolderAsync(db, command.Parent!, command.Template!, period: null, ct);
        if (holder is null)
        {
            return Error.NotFound("地区");
        }

        var placed = await PlaceAsync(holder, command.Template!, command.Period!, command.Cutoff, ct);
        if (!placed.Succeeded)
        {
            return placed.Error!;
        }

        var p = placed.Value!;
        if (p.Issues is null)
        {
            return Error.NotFound("调度表下发记录");
        }

        if (CanReview(p.Issues) is not null)
        {
            return Error.Forbidden("只有下发单位可以催报");
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var (period, day) = (p.Days.Period, p.Days.CutoffDay);
        var owing = (await ChildrenWithPathsAsync(db, p, ct)).Where(r => FormStanding.Owes(r.Child.Status)).ToList();
        var keys = owing.Select(r => r.Child.Unit).ToList();
        var remindedToday = await db.FormReminders.AsNoTracking()
            .Where(r => r.TemplateCode == p.Template.Code && r.Period == period && r.CutoffDay == day && r.RemindedOn == today && keys.Contains(r.UnitKey))
            .Select(r => r.UnitKey).ToListAsync(ct);
        var due = owing.Where(r => !remindedToday.Contains(r.Child.Unit)).ToList();
        if (due.Count == 0)
        {
            return new RemindOutcome(0, 0, []);
        }

        // The fillers of each owing unit: the department's accounts, or the node's 安委办 and cadres.
        var departments = due.Where(r => r.Child.IsDepartment).Select(r => Guid.Parse(r.Child.Unit[5..])).ToList();
        var nodes = due.Where(r => !r.Child.IsDepartment).Select(r => r.Child.Unit).ToList();
        var fillers = await Shared.UnitAccounts.OfAsync(db, nodes, departments, FillerRoles, ct);

        var issuer = p.IssuerName ?? portalDb.Scope.UnitName;
        var users = 0;
        foreach (var (unit, _, unitPath) in due)
        {
            var mine = unit.IsDepartment
                ? fillers.Where(f => f.UnitId == Guid.Parse(unit.Unit[5..])).ToList()
                : fillers.Where(f => f.JurisdictionCode == unit.Unit && !f.IsDepartment).ToList();
            foreach (var f in mine)
            {
                db.Notifications.Add(new Notification
                {
                    UserId = f.UserId, Path = f.Path, Kind = NotificationKind.FormReminder,
                    Title = $"催报：请于{p.Days.DueOn:MM-dd}前上报{p.Template.Name} {period}（{issuer}）",
                    Link = "/dispatch", DedupeKey = $"remind:{p.Template.Code}:{unit.Unit}:{period}:{day}:{today:yyyyMMdd}",
                });
            }

            db.FormReminders.Add(new FormReminder
            {
                TemplateCode = p.Template.Code, Period = period, CutoffDay = day, UnitKey = unit.Unit, UnitName = unit.Name, Path = new LTree(unitPath),
                RemindedOn = today, RemindedAt = now, RemindedBy = portalDb.Scope.DisplayName, Notified = mine.Count,
            });
            users += mine.Count;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Pressed twice at once: the other press reminded them.
            return new RemindOutcome(0, 0, []);
        }

        return new RemindOutcome(due.Count, users, due.Select(r => r.Child.Name).ToList());
    }
}
