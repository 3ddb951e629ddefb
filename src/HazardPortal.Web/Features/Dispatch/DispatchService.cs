using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>
/// The dispatch cycle (SPEC §6): a unit's form for a period, prefilled from the records and created on
/// first read; saving, checks and submission; the issuer's board, return and accept; the issuer's
/// roll-up beside the sums its children submitted. Pages and the API both call this.
/// </summary>
public sealed partial class DispatchService(PortalDb portalDb, DispatchReference reference, TimeProvider clock)
{
    /// <param name="ChildrenSum">What the child units that have submitted reported, combined (Σ, or Σ÷Σ for a rate).</param>
    /// <param name="Mismatch">Whether that differs from what the records say for those same units now.</param>
    /// <param name="MismatchNote">The difference in words ("已上报的3个下级单位合计37，按台账计算这3个单位为35（相差2）").</param>
    public sealed record ItemDto(
        string Key, string Section, int No, string Label, string Unit, decimal Computed, decimal Value, string? OverrideReason,
        decimal? ChildrenSum, bool? Mismatch, decimal? DepartmentsSum, bool Manual = false, decimal? SubmittedComputed = null, string? MismatchNote = null);

    public sealed record ChildDto(string Unit, string Name, bool IsDepartment, BoardStatus Status, Guid? FormId, DateTimeOffset? SubmittedAt, bool Late);

    public sealed record FormDto(
        Guid Id, string Template, string TemplateName, string Title, string UnitCaption, string Unit, string UnitName, string Period, int Cutoff,
        DateOnly WindowStart, DateOnly AsOf, DateOnly DueOn, int DaysLeft, FormStatus Status, bool Late, int Revision, DateTimeOffset? SubmittedAt,
        string? SubmittedBy, string? ReturnReason, IReadOnlyList<ItemDto> Items, IReadOnlyList<ChildDto>? Children, IReadOnlyList<string>? MissingUnits,
        string? IssuerName, bool CanEdit, bool CanSubmit, bool CanReview, IReadOnlyList<string> Notes, IReadOnlyList<string> FooterLines, uint Version,
        TemplateLayout Layout = TemplateLayout.Sections, IReadOnlyList<RateDto>? Rates = null, int? ChildrenSubmitted = null, int? ChildrenOwing = null,
        BoardStatus Standing = BoardStatus.Draft)
    {
        /// <summary>The standing in words (未报, 填报中, 已上报, 已退回, 已通过), from the one place that names it.</summary>
        public string StandingText => FormStanding.Name(Standing);
    }

    /// <summary>A rate cell of a matrix (003 附件2): percentages with one decimal, null ("—") when the denominator is 0; Σ numerator ÷ Σ denominator.</summary>
    /// <param name="Row">The row as the seed writes it (a sector or a tag, or 累计总计/本月总计).</param>
    /// <param name="Label">The column as the seed writes it (管控率, 治理率, 整改率), with its group and <paramref name="Unit"/> (%).</param>
    public sealed record RateDto(string Key, decimal? Computed, decimal? Value, decimal? ChildrenSum, string Row = "", string Group = "", string Label = "", string Unit = "");

    /// <param name="IssuedBy">Who may issue it (<see cref="IssuingRules.MayIssue"/>), in words: 县（市、区）安委办 ….</param>
    public sealed record TemplateDto(string Code, string Name, string Issuer, string Cadence, int[] CutoffDays, string Window, bool HolidayShift, string Source, IReadOnlyList<string> IssuedBy);

    /// <summary>
    /// A unit on the issuer's board: <paramref name="Late"/> when it submitted after the due day, <paramref name="Overdue"/>
    /// when the due day has passed and it has not submitted; <paramref name="RemindedAt"/> the last 催报 of the period.
    /// </summary>
    public sealed record StatusRow(ChildUnit Unit, BoardStatus Status, DateTimeOffset? SubmittedAt, bool Late, Guid? FormId, bool Overdue = false, DateTimeOffset? RemindedAt = null)
    {
        public string StatusText => FormStanding.Name(Status);
    }

    public sealed record ChildUnit(string Code, string Name, bool IsDepartment);

    public sealed record SubmitOutcome(bool Submitted, FormDto? Form, IReadOnlyList<Finding> Errors, IReadOnlyList<Finding> Warnings);

    public sealed record EntryCommand(string Key, decimal? Value, string? OverrideReason);

    public sealed record SaveCommand(List<EntryCommand> Items, uint Version);

    public sealed record SubmitCommand(uint Version, Dictionary<string, string>? WarningReasons);

    public sealed record ReturnCommand(string? Reason);

    /// <summary>Where a form sits: its node, department, template, issuance and days.</summary>
    private sealed record Placement(
        string UnitKey, string Code, string Path, string Name, Guid? DepartmentId, DispatchTemplate Template, DispatchIssue? OwedTo, DispatchIssue? Issues,
        ReportingDays Days, string? IssuerName);

    /// <summary>
    /// The period now open: of the given templates' issuances (every template when none is given), the period whose due
    /// day is next, today included — on 08-22 with a 23rd cutoff that is 2023-08, on 08-24 it is 2023-09. Kept within the
    /// campaign (its last period once it is over, its first before it starts).
    /// </summary>
    public async Task<string> DefaultPeriodAsync(IEnumerable<string>? templates = null, CancellationToken ct = default)
    {
        var known = await reference.GetAsync(portalDb, ct);
        var today = ChinaTime.Today(clock);
        var codes = templates?.Where(known.Templates.ContainsKey).Distinct().ToList() is { Count: > 0 } given ? given : known.Templates.Keys.ToList();
        ReportingDays? next = null;
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        foreach (var code in codes)
        {
            var template = known.Templates[code];
            var campaign = known.Campaigns[template.CampaignCode];
            var cutoffs = known.Issues.Where(i => i.TemplateCode == code).SelectMany(i => i.CutoffDays).DefaultIfEmpty(template.CutoffDay).Distinct();
            foreach (var month in new[] { thisMonth.AddMonths(-1), thisMonth, thisMonth.AddMonths(1) })
            {
                if (month < new DateOnly(campaign.StartsOn.Year, campaign.StartsOn.Month, 1) || month > campaign.EndsOn)
                {
                    continue;
                }

                foreach (var day in cutoffs)
                {
                    var days = ReportingCalendar.For(ReportingCalendar.PeriodOf(month), day, template.Window, template.HolidayShift, campaign.StartsOn, known.Calendar);
                    if (days.DueOn >= today && (next is null || days.DueOn < next.DueOn))
                    {
                        next = days;
                    }
                }
            }
        }

        if (next is not null)
        {
            return next.Period;
        }

        var fallback = known.Campaigns[Campaign.Default];
        return ReportingCalendar.PeriodOf(today > fallback.EndsOn ? fallback.EndsOn : today < fallback.StartsOn ? fallback.StartsOn : today);
    }

    public async Task<List<TemplateDto>> TemplatesAsync(CancellationToken ct = default)
    {
        var known = await reference.GetAsync(portalDb, ct);
        var issues = known.Issues;
        var names = known.IssuerNames;
        return known.Templates.Values.OrderBy(t => t.Code).Select(t =>
        {
            var mine = issues.Where(i => i.TemplateCode == t.Code).ToList();
            // The template's issuer is the office that issues it at the highest level (003 附件1: 红河州安委办); an office below
            // that passes it on to its own units (蒙自市安委办 to its townships) relays it and is not its issuer.
            static int Depth(DispatchIssue i) => JurisdictionPath.Depth(i.Path.ToString());
            var top = mine.Count == 0 ? 0 : mine.Min(Depth);
            var issuers = mine.Where(i => Depth(i) == top).Select(i => names.GetValueOrDefault(i.IssuerUnitId, string.Empty)).Distinct();
            return new TemplateDto(t.Code, t.Name, string.Join("、", issuers), t.Cadence,
                mine.SelectMany(i => i.CutoffDays).DefaultIfEmpty(t.CutoffDay).Distinct().Order().ToArray(), t.Window.ToString(), t.HolidayShift, t.Source,
                t.IssuedAt.Select(IssuingRules.Names.Level).ToList());
        }).ToList();
    }

    /// <summary>The form of a unit for a period (created on first read), or why there is none.</summary>
    public async Task<Result<FormDto>> OpenAsync(string unit, string template, string period, int? cutoff, CancellationToken ct = default)
    {
        if (!ReportingCalendar.TryParsePeriod(period, out _))
        {
            return Error.Invalid("period", "期间格式应为yyyy-MM");
        }

        await using var db = await ConnectAsync(ct);
        var (holder, forms) = await HolderAsync(db, unit, template, period, ct);
        if (holder is null)
        {
            return unit.StartsWith("dept:", StringComparison.Ordinal) ? Error.NotFound("部门") : Error.NotFound("地区");
        }

        var placed = await PlaceAsync(holder, template, period, cutoff, ct);
        if (!placed.Succeeded)
        {
            return placed.Error!;
        }

        var p = placed.Value!;
        if (CanRead(p) is { } refused)
        {
            return refused;
        }

        // Reads never write: a form nobody has saved yet is computed and shown with the id it will have; its first
        // save or submit creates the row. A period outside the template's campaign has no form at all.
        var campaign = (await reference.GetAsync(portalDb, ct)).Campaigns[p.Template.CampaignCode];
        if (!InCampaign(period, campaign))
        {
            return Error.Invalid("period", $"期间须在专项行动期间（{campaign.StartsOn:yyyy-MM}至{campaign.EndsOn:yyyy-MM}）");
        }

        var form = forms.FirstOrDefault(f => f.CutoffDay == p.Days.CutoffDay) ?? Unsaved(p);
        return await ToDtoAsync(db, form, p, ct);
    }

    public async Task<Result<FormDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (form, p) = loaded.Value;
        return await ToDtoAsync(db, form, p, ct);
    }

    public async Task<Result<FormDto>> SaveAsync(Guid id, SaveCommand command, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct, create: true);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (form, p) = loaded.Value;
        if (CanFill(p) is { } refused)
        {
            return refused;
        }

        if (form.Version != command.Version)
        {
            return Error.Conflict("调度表已被他人修改，请刷新后再填");
        }

        var computed = await ComputeAsync(db, p, ct);
        var keys = p.Template.Cells().Select(c => c.Cell.Key).ToHashSet();
        var manual = p.Template.Cells().Where(c => c.Cell.Manual).Select(c => c.Cell.Key).ToHashSet();
        if (form.Save(command.Items.Select(i => new FormEntry { Key = i.Key, Value = i.Value, OverrideReason = i.OverrideReason }).ToList(), computed, keys, manual) is { } error)
        {
            return error;
        }

        if (db.Entry(form).State != EntityState.Added)
        {
            db.Entry(form).Property(f => f.Entries).IsModified = true;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Error.Conflict("调度表已被他人修改，请刷新后再填");
        }

        return await ToDtoAsync(db, form, p, ct, computed);
    }

    /// <summary>
    /// Submits: failed checks block (422 with the item and rule); a value lower than the last accepted
    /// one needs a reason; otherwise a snapshot is frozen as a new submission.
    /// </summary>
    public async Task<Result<SubmitOutcome>> SubmitAsync(Guid id, SubmitCommand command, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct, create: true);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (form, p) = loaded.Value;
        if (CanFill(p) is { } refused)
        {
            return refused;
        }

        if (p.OwedTo is null)
        {
            return Error.Conflict("本表为汇总表，无需向上级报送");
        }

        if (form.IsFrozen)
        {
            return Error.Conflict(form.Status == FormStatus.Accepted ? "调度表已通过审核" : "调度表已上报，待审核");
        }

        if (form.Version != command.Version)
        {
            return Error.Conflict("调度表已被他人修改，请刷新后再报");
        }

        var computed = await ComputeAsync(db, p, ct);
        var keys = p.Template.Cells().Select(c => c.Cell.Key).ToList();
        var values = form.Values(computed, keys);
        var errors = FormChecks.Errors(values);
        var lastAccepted = await LastAcceptedAsync(db, form, ct);
        var reasons = command.WarningReasons ?? [];
        var warnings = FormChecks.Warnings(values, lastAccepted);
        var unexplained = warnings.Where(w => string.IsNullOrWhiteSpace(reasons.GetValueOrDefault(w.Key))).ToList();
        if (errors.Count > 0 || unexplained.Count > 0)
        {
            return new SubmitOutcome(false, null, errors, warnings);
        }

        var submitted = form.Submit(
            keys.Select(k => new SnapshotCell { Key = k, Computed = computed.GetValueOrDefault(k), Value = values[k], OverrideReason = form.Entries.FirstOrDefault(e => e.Key == k)?.OverrideReason }).ToList(),
            warnings.ToDictionary(w => w.Key, w => reasons[w.Key].Trim()), clock.GetUtcNow(), portalDb.Scope.DisplayName, p.Days.IsLate(ChinaTime.Today(clock)));
        if (!submitted.Succeeded)
        {
            return submitted.Error!;
        }

        db.FormSubmissions.Add(submitted.Value!);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Error.Conflict("调度表已被他人上报或修改，请刷新");
        }

        return new SubmitOutcome(true, await ToDtoAsync(db, form, p, ct, computed, submitted.Value!.Cells), [], warnings);
    }

    public Task<Result<FormDto>> ReturnAsync(Guid id, ReturnCommand command, CancellationToken ct = default) =>
        ReviewAsync(id, accept: false, command.Reason, ct);

    public Task<Result<FormDto>> AcceptAsync(Guid id, CancellationToken ct = default) =>
        ReviewAsync(id, accept: true, null, ct);

    /// <summary>Every unit that owes the issuer at <paramref name="parent"/> the template for the period, with its status.</summary>
    public async Task<Result<List<StatusRow>>> StatusAsync(string parent, string template, string period, int? cutoff, CancellationToken ct = default)
    {
        if (!ReportingCalendar.TryParsePeriod(period, out _))
        {
            return Error.Invalid("period", "期间格式应为yyyy-MM");
        }

        await using var db = await ConnectAsync(ct);
        var (holder, _) = await HolderAsync(db, parent, template, period: null, ct);
        if (holder is null)
        {
            return Error.NotFound("地区");
        }

        var placed = await PlaceAsync(holder, template, period, cutoff, ct);
        if (!placed.Succeeded)
        {
            return placed.Error!;
        }

        var p = placed.Value!;
        if (p.Issues is null)
        {
            return Error.NotFound("调度表下发记录");
        }

        if (CanReview(p.Issues) is { } refused)
        {
            return refused;
        }

        var rows = await ChildrenAsync(db, p, ct);
        var (code, due, day) = (p.Template.Code, p.Days.Period, p.Days.CutoffDay);
        var reminded = (await db.FormReminders.AsNoTracking().Where(r => r.TemplateCode == code && r.Period == due && r.CutoffDay == day)
                .Select(r => new { r.UnitKey, r.RemindedAt }).ToListAsync(ct))
            .GroupBy(r => r.UnitKey).ToDictionary(g => g.Key, g => g.Max(r => r.RemindedAt));
        var pastDue = ChinaTime.Today(clock) > p.Days.DueOn;
        return rows.Select(r => r.Child).Select(c => new StatusRow(
            new ChildUnit(c.Unit, c.Name, c.IsDepartment), c.Status, c.SubmittedAt, c.Late, c.FormId,
            Overdue: pastDue && FormStanding.Owes(c.Status),
            RemindedAt: reminded.TryGetValue(c.Unit, out var at) ? at : null)).ToList();
    }

    /// <summary>The records behind a computed value of the form (the same definitions as the computation).</summary>
    public async Task<Result<List<MetricRecord>>> RecordsAsync(Guid id, string key, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (_, p) = loaded.Value;
        // A manual-only cell has no records behind it.
        if (!p.Template.Cells().Any(c => c.Cell.Key == key && !c.Cell.Manual))
        {
            return Error.NotFound("调度项");
        }

        if (p.Template.Layout == TemplateLayout.Matrix)
        {
            return await SectorMatrixComputer.RecordsAsync(db, Subject(p), p.Days.Start, p.Days.AsOf, MonthStart(p), key, ct) ?? [];
        }

        return await MetricRecords.ListAsync(db, Subject(p), p.Days.Start, p.Days.AsOf, key, ct);
    }

    public sealed record SubmissionDto(
        int Revision, DateTimeOffset SubmittedAt, string SubmittedBy, bool Late, FormStatus Status, string? ReturnReason, DateTimeOffset? ReviewedAt,
        string? ReviewedBy, IReadOnlyList<SnapshotCell> Cells, IReadOnlyDictionary<string, string> WarningReasons);

    public async Task<Result<List<SubmissionDto>>> HistoryAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var submissions = await db.FormSubmissions.AsNoTracking().Where(s => s.FormId == id).OrderByDescending(s => s.Revision).ToListAsync(ct);
        return submissions.Select(s => new SubmissionDto(s.Revision, s.SubmittedAt, s.SubmittedBy, s.Late, s.Status, s.ReturnReason, s.ReviewedAt, s.ReviewedBy, s.Cells, s.WarningReasons)).ToList();
    }

    /// <summary>The forms a signed-in user fills: their own unit's, per template they owe or issue.</summary>
    public async Task<List<(string Unit, string Name, string Template, string TemplateName)>> MyFormsAsync(CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        await using var db = await ConnectAsync(ct);
        var own = scope.OwnCode!;
        var ownNode = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == own).Select(j => new { j.Code, j.Name, j.ParentCode }).SingleOrDefaultAsync(ct);
        var known = await reference.GetAsync(portalDb, ct);
        var issues = known.Issues;
        var templates = known.Templates.ToDictionary(t => t.Key, t => t.Value.Name);
        var result = new List<(string, string, string, string)>();
        if (ownNode is null)
        {
            return [];
        }

        if (AccessRules.DepartmentOf(scope) is { } dept)
        {
            foreach (var i in issues.Where(i => i.IssuerJurisdictionCode == own && i.Recipients.HasFlag(Recipients.Departments)))
            {
                result.Add((DispatchForm.DepartmentKey(dept), scope.UnitName, i.TemplateCode, templates[i.TemplateCode]));
            }

            return result;
        }

        foreach (var i in issues.Where(i => i.IssuerJurisdictionCode == ownNode.ParentCode && i.Recipients.HasFlag(Recipients.ChildJurisdictions)))
        {
            result.Add((own, ownNode.Name, i.TemplateCode, templates[i.TemplateCode]));
        }

        foreach (var i in issues.Where(i => i.IssuerJurisdictionCode == own && result.All(r => r.Item3 != i.TemplateCode)))
        {
            result.Add((own, ownNode.Name, i.TemplateCode, templates[i.TemplateCode]));
        }

        return result;
    }

    /// <summary>The issuances the signed-in user reviews (their node issues them).</summary>
    public async Task<List<(string Parent, string Template, string TemplateName)>> MyBoardsAsync(CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        var own = scope.OwnCode!;
        var known = await reference.GetAsync(portalDb, ct);
        var templates = known.Templates.ToDictionary(t => t.Key, t => t.Value.Name);
        var issues = known.Issues.Where(i => i.IssuerJurisdictionCode == own).ToList();
        return issues.Where(i => CanReview(i) is null).Select(i => (i.IssuerJurisdictionCode, i.TemplateCode, templates[i.TemplateCode])).ToList();
    }

    private async Task<Result<FormDto>> ReviewAsync(Guid id, bool accept, string? reason, CancellationToken ct)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (form, p) = loaded.Value;
        if (p.OwedTo is null || CanReview(p.OwedTo) is not null)
        {
            return Error.Forbidden("只有下发单位可以审核调度表");
        }

        if (form.Status != FormStatus.Submitted)
        {
            return Error.Conflict(form.Status == FormStatus.Accepted ? "调度表已通过审核" : "调度表尚未上报，不能审核");
        }

        var submission = await db.FormSubmissions.SingleAsync(s => s.FormId == form.Id && s.Revision == form.Revision, ct);
        if (form.Review(submission, accept, reason, clock.GetUtcNow(), portalDb.Scope.DisplayName) is { } refused)
        {
            return refused;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("调度表刚被他人处理，请刷新");
        }

        return await ToDtoAsync(db, form, p, ct);
    }

    private static bool InCampaign(string period, Campaign campaign) =>
        string.CompareOrdinal(period, ReportingCalendar.PeriodOf(campaign.StartsOn)) >= 0 && string.CompareOrdinal(period, ReportingCalendar.PeriodOf(campaign.EndsOn)) <= 0;

    /// <summary>The form a placement names, as it is before its first save: computed values, nothing stored.</summary>
    private static DispatchForm Unsaved(Placement p) => new()
    {
        Id = FormIds.For(p.Template.Code, p.UnitKey, p.Days.Period, p.Days.CutoffDay),
        TemplateCode = p.Template.Code, UnitKey = p.UnitKey, UnitName = p.Name, JurisdictionCode = p.Code, DepartmentId = p.DepartmentId,
        Path = new LTree(p.Path), Period = p.Days.Period, CutoffDay = p.Days.CutoffDay, WindowStart = p.Days.Start, AsOf = p.Days.AsOf, DueOn = p.Days.DueOn,
    };

    /// <summary>
    /// A form by id (tracked) and where it sits; the form carries its node, so this is one query. An id with no row is a
    /// form not saved yet: it is found among the forms the signed-in unit fills (its own and, for a township, its
    /// villages'; every template, campaign period and cutoff day) and, when <paramref name="create"/>, added to be saved.
    /// </summary>
    private async Task<Result<(DispatchForm, Placement)>> LoadAsync(AppDbContext db, Guid id, CancellationToken ct, bool create = false)
    {
        var form = await db.DispatchForms.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (form is null)
        {
            if (await UnsavedAsync(db, id, ct) is not { } unsaved)
            {
                return Error.NotFound("调度表");
            }

            if (create)
            {
                db.DispatchForms.Add(unsaved.Form);
            }

            return (unsaved.Form, unsaved.Placement);
        }

        var holder = new Holder(form.JurisdictionCode, form.Path.ToString(), form.UnitName, form.DepartmentId is null ? JurisdictionPath.ParentCode(form.Path.ToString()) : null, form.DepartmentId);
        var placed = await PlaceAsync(holder, form.TemplateCode, form.Period, form.CutoffDay, ct);
        if (!placed.Succeeded)
        {
            return placed.Error!;
        }

        if (CanRead(placed.Value!) is { } refused)
        {
            return Error.NotFound("调度表");
        }

        return (form, placed.Value!);
    }

    /// <summary>The not-yet-saved form an id names, among the forms the signed-in unit fills; null when it names none of them.</summary>
    private async Task<(DispatchForm Form, Placement Placement)?> UnsavedAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var scope = portalDb.Scope;
        if (scope.Path is null || scope.EnterpriseId is not null)
        {
            return null;
        }

        var own = scope.OwnCode!;
        var units = DispatchRules.OwnUnitKeys(scope).ToList();
        if (DispatchRules.FillsForVillages(scope))
        {
            units.AddRange(await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == own).Select(j => j.Code).ToListAsync(ct));
        }

        var known = await reference.GetAsync(portalDb, ct);
        foreach (var template in known.Templates.Values)
        {
            var campaign = known.Campaigns[template.CampaignCode];
            var cutoffs = known.Issues.Where(i => i.TemplateCode == template.Code).SelectMany(i => i.CutoffDays).Append(template.CutoffDay).Distinct().ToList();
            for (var month = new DateOnly(campaign.StartsOn.Year, campaign.StartsOn.Month, 1); month <= campaign.EndsOn; month = month.AddMonths(1))
            {
                var period = ReportingCalendar.PeriodOf(month);
                foreach (var unit in units)
                {
                    foreach (var day in cutoffs.Where(d => FormIds.For(template.Code, unit, period, d) == id))
                    {
                        var (holder, _) = await HolderAsync(db, unit, template.Code, null, ct);
                        if (holder is null || (await PlaceAsync(holder, template.Code, period, day, ct)).Value is not { } p || CanRead(p) is not null
                            || p.Days.CutoffDay != day)
                        {
                            return null;
                        }

                        return (Unsaved(p), p);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Who holds a form: a jurisdiction (with its parent) or a department (at its jurisdiction).</summary>
    private sealed record Holder(string Code, string Path, string Name, string? ParentCode, Guid? DepartmentId);

    /// <summary>
    /// The unit behind a unit key (a jurisdiction code or <c>dept:{id}</c>), as the scope sees it, with its
    /// forms of the template for the period (any cutoff) in the same query; null when unknown or out of scope.
    /// </summary>
    private static async Task<(Holder? Holder, List<DispatchForm> Forms)> HolderAsync(AppDbContext db, string unit, string templateCode, string? period, CancellationToken ct)
    {
        if (unit.StartsWith("dept:", StringComparison.Ordinal))
        {
            if (!Guid.TryParse(unit[5..], out var id))
            {
                return (null, []);
            }

            var dept = await db.Units.AsNoTracking().Where(u => u.Id == id && u.Kind == UnitKind.Department)
                .Select(u => new
                {
                    u.Id, u.Name, u.JurisdictionCode, u.Path,
                    Forms = db.DispatchForms.Where(f => period != null && f.TemplateCode == templateCode && f.UnitKey == unit && f.Period == period).ToList(),
                })
                .SingleOrDefaultAsync(ct);
            return dept is null ? (null, []) : (new Holder(dept.JurisdictionCode, dept.Path.ToString(), dept.Name, null, dept.Id), dept.Forms);
        }

        var node = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == unit)
            .Select(j => new
            {
                j.Code, j.Name, j.Path, j.ParentCode,
                Forms = db.DispatchForms.Where(f => period != null && f.TemplateCode == templateCode && f.UnitKey == unit && f.Period == period).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return node is null ? (null, []) : (new Holder(node.Code, node.Path.ToString(), node.Name, node.ParentCode, null), node.Forms);
    }

    /// <summary>Resolves the template, the issuance the holder owes (or issues), and the period's days.</summary>
    private async Task<Result<Placement>> PlaceAsync(Holder holder, string templateCode, string period, int? cutoff, CancellationToken ct)
    {
        var known = await reference.GetAsync(portalDb, ct);
        if (!known.Templates.TryGetValue(templateCode, out var template))
        {
            return Error.NotFound("调度表模板");
        }

        var (code, path, name, departmentId) = (holder.Code, holder.Path, holder.Name, holder.DepartmentId);
        DispatchIssue? owedTo;
        if (departmentId is not null)
        {
            owedTo = known.Issue(template.Code, code);
            if (owedTo is null || !owedTo.Recipients.HasFlag(Recipients.Departments))
            {
                return Error.NotFound("本部门需填报的调度表");
            }
        }
        else
        {
            owedTo = holder.ParentCode is null ? null : known.Issue(template.Code, holder.ParentCode);
            if (owedTo is not null && !owedTo.Recipients.HasFlag(Recipients.ChildJurisdictions))
            {
                owedTo = null;
            }
        }

        var issues = departmentId is null ? known.Issue(template.Code, code) : null;
        if (owedTo is null && issues is null)
        {
            return Error.NotFound("本单位需填报的调度表");
        }

        var governing = owedTo ?? issues!;
        var day = cutoff ?? governing.CutoffDays.DefaultIfEmpty(template.CutoffDay).First();
        if (!governing.CutoffDays.Contains(day) && governing.CutoffDays.Count > 0)
        {
            return Error.Invalid("cutoff", $"该调度表的截止日为每月{string.Join("、", governing.CutoffDays)}日");
        }

        var campaign = known.Campaigns[template.CampaignCode];
        var days = ReportingCalendar.For(period, day, template.Window, template.HolidayShift, campaign.StartsOn, known.Calendar);
        var issuerName = owedTo is null ? null : known.IssuerNames.GetValueOrDefault(owedTo.IssuerUnitId);
        var key = departmentId is { } d ? DispatchForm.DepartmentKey(d) : code;
        return new Placement(key, code, path, name, departmentId, template, owedTo, issues, days, issuerName);
    }

    private static MetricSubject Subject(Placement p) =>
        p.DepartmentId is { } d ? MetricSubject.Department(p.Path, d) : MetricSubject.Subtree(p.Path);

    /// <summary>本月: the first day of the as-of day's month (003 附件2's 本月总计).</summary>
    private static DateOnly MonthStart(Placement p) => new(p.Days.AsOf.Year, p.Days.AsOf.Month, 1);

    private static Task<Dictionary<string, decimal>> ComputeAsync(AppDbContext db, Placement p, CancellationToken ct) =>
        p.Template.Layout == TemplateLayout.Matrix
            ? SectorMatrixComputer.ComputeAsync(db, Subject(p), p.Days.Start, p.Days.AsOf, MonthStart(p), ct)
            : ComputeSectionsAsync(db, p, ct);

    private static Task<Dictionary<string, decimal>> ComputeSectionsAsync(AppDbContext db, Placement p, CancellationToken ct) =>
        MetricComputer.ComputeAsync(db, Subject(p), p.Days.Start, p.Days.AsOf, ct: ct);

    /// <summary>A context whose one connection (and its scope settings) serves every query of the operation.</summary>
    private async Task<AppDbContext> ConnectAsync(CancellationToken ct)
    {
        var db = portalDb.Open();
        await db.Database.OpenConnectionAsync(ct);
        return db;
    }

    /// <summary>A department reads only its own forms; governments and offices read what their scope holds (<see cref="DispatchRules.MayRead"/>).</summary>
    private Error? CanRead(Placement p) => DispatchRules.MayRead(portalDb.Scope, p.DepartmentId);

    private Error? CanFill(Placement p) => DispatchRules.MayFill(portalDb.Scope, p.DepartmentId, p.Path);

    /// <summary>Who reviews: the issuer (<see cref="IssuingRules.MayManage"/>).</summary>
    private Error? CanReview(DispatchIssue issue) => IssuingRules.MayManage(portalDb.Scope, issue);

    private static async Task<Dictionary<string, decimal>?> LastAcceptedAsync(AppDbContext db, DispatchForm form, CancellationToken ct)
    {
        // The same unit's latest accepted submission of the same template and window start, of an earlier cutoff.
        var previous = await db.DispatchForms.AsNoTracking()
            .Where(f => f.TemplateCode == form.TemplateCode && f.UnitKey == form.UnitKey && f.WindowStart == form.WindowStart && f.AsOf < form.AsOf)
            .Join(db.FormSubmissions.Where(s => s.Status == FormStatus.Accepted), f => f.Id, s => s.FormId, (f, s) => new { f.AsOf, s.Revision, s.Cells })
            .OrderByDescending(x => x.AsOf).ThenByDescending(x => x.Revision).FirstOrDefaultAsync(ct);
        return previous?.Cells.ToDictionary(c => c.Key, c => c.Value);
    }

    /// <summary>
    /// The units that owe the issuer this form, with the state of their forms for the period and the cells
    /// of each form's current submission: one query.
    /// </summary>
    private static async Task<List<(ChildDto Child, List<SnapshotCell>? Cells)>> ChildrenAsync(AppDbContext db, Placement p, CancellationToken ct) =>
        (await ChildrenWithPathsAsync(db, p, ct)).Select(r => (r.Child, r.Cells)).ToList();

    private static async Task<List<(ChildDto Child, List<SnapshotCell>? Cells, string Path)>> ChildrenWithPathsAsync(AppDbContext db, Placement p, CancellationToken ct)
    {
        var (templateCode, period, day) = (p.Template.Code, p.Days.Period, p.Days.CutoffDay);
        var rows = await IssueRecipients.Query(db, p.Code, p.Issues!.Recipients)
            .Select(r => new
            {
                r.Key, r.Name, r.IsDepartment, r.Path,
                Form = db.DispatchForms.Where(f => f.TemplateCode == templateCode && f.Period == period && f.CutoffDay == day && f.UnitKey == r.Key)
                    .Select(f => new
                    {
                        f.Id, f.Status, f.Revision, f.SubmittedAt, f.Late,
                        Cells = db.FormSubmissions.Where(s => s.FormId == f.Id && s.Revision == f.Revision).Select(s => s.Cells).FirstOrDefault(),
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.IsDepartment).ThenBy(r => r.IsDepartment ? r.Name : r.Key, StringComparer.Ordinal).Select(r =>
        {
            var f = r.Form;
            var status = FormStanding.Of(f?.Status, f?.Revision ?? 0);
            var cells = f is { Status: FormStatus.Submitted or FormStatus.Accepted } ? f.Cells : null;
            return (new ChildDto(r.Key, r.Name, r.IsDepartment, status, f?.Id, f?.SubmittedAt, f?.Late ?? false), cells, r.Path.ToString());
        }).ToList();
    }

    private async Task<FormDto> ToDtoAsync(
        AppDbContext db, DispatchForm form, Placement p, CancellationToken ct, Dictionary<string, decimal>? computed = null, List<SnapshotCell>? frozen = null)
    {
        computed ??= await ComputeAsync(db, p, ct);
        Dictionary<string, SnapshotCell>? snapshot = null;
        if (form.IsFrozen)
        {
            snapshot = (frozen ?? await db.FormSubmissions.AsNoTracking().Where(s => s.FormId == form.Id && s.Revision == form.Revision).Select(s => s.Cells).SingleAsync(ct))
                .ToDictionary(c => c.Key);
        }

        List<ChildDto>? children = null;
        Dictionary<string, decimal>? childrenSum = null;
        Dictionary<string, decimal>? departmentsSum = null;
        Dictionary<string, decimal>? submittedComputed = null;
        var submittedCount = 0;
        if (p.Issues is not null && p.DepartmentId is null && CanReview(p.Issues) is null)
        {
            var rows = await ChildrenWithPathsAsync(db, p, ct);
            children = rows.Select(r => r.Child).ToList();
            submittedCount = rows.Count(r => r.Cells is not null && !r.Child.IsDepartment);

            // The comparison is with the children that have submitted only: what the records say for those same units
            // now, beside what they reported (the whole subtree's records include units that have not reported yet).
            if (submittedCount > 0)
            {
                var perChild = new List<Dictionary<string, decimal>>();
                foreach (var r in rows.Where(r => r.Cells is not null && !r.Child.IsDepartment))
                {
                    var subject = MetricSubject.Subtree(r.Path);
                    perChild.Add(p.Template.Layout == TemplateLayout.Matrix
                        ? await SectorMatrixComputer.ComputeAsync(db, subject, p.Days.Start, p.Days.AsOf, MonthStart(p), ct)
                        : await MetricComputer.ComputeAsync(db, subject, p.Days.Start, p.Days.AsOf, ct: ct));
                }

                submittedComputed = p.Template.Cells().Select(c => c.Cell.Key).Distinct().ToDictionary(
                    k => k,
                    k => Metrics.Find(k) is { } m ? Metrics.Combine(m, perChild.Select(c => c.GetValueOrDefault(k))) : perChild.Sum(c => c.GetValueOrDefault(k)));
            }
            var submitted = rows.Where(r => r.Cells is not null).Select(r => (r.Child.IsDepartment, Cells: r.Cells!.ToDictionary(c => c.Key, c => c.Value))).ToList();
            Dictionary<string, decimal> Sum(bool departments)
            {
                var mine = submitted.Where(s => s.IsDepartment == departments).Select(s => s.Cells).ToList();
                return p.Template.Cells().Select(c => c.Cell.Key).Distinct().ToDictionary(
                    k => k,
                    k => Metrics.Find(k) is { } m ? Metrics.Combine(m, mine.Select(c => c.GetValueOrDefault(k))) : mine.Sum(c => c.GetValueOrDefault(k)));
            }

            childrenSum = Sum(departments: false);
            departmentsSum = children.Any(c => c.IsDepartment) ? Sum(departments: true) : null;
        }

        var items = p.Template.Cells().Select(x =>
        {
            var key = x.Cell.Key;
            var live = computed.GetValueOrDefault(key);
            var entry = form.Entries.FirstOrDefault(e => e.Key == key);
            var value = snapshot?.GetValueOrDefault(key)?.Value ?? entry?.Value ?? live;
            var reason = snapshot?.GetValueOrDefault(key)?.OverrideReason ?? entry?.OverrideReason;
            var unit = x.Cell.Unit ?? Metrics.Find(key)?.Unit ?? string.Empty;
            decimal? sum = submittedCount > 0 ? childrenSum?.GetValueOrDefault(key) : null;
            decimal? theirs = submittedComputed?.GetValueOrDefault(key);
            var mismatch = sum is null || theirs is null || x.Cell.Manual ? (bool?)null : sum != theirs;
            var note = mismatch == true
                ? $"已上报的{submittedCount}个下级单位合计{FormChecks.Format(sum!.Value)}{unit}，按台账计算这{submittedCount}个单位为{FormChecks.Format(theirs!.Value)}{unit}（相差{FormChecks.Format(sum.Value - theirs.Value)}）"
                : null;
            return new ItemDto(
                key, x.Section.Name, x.Item.No, x.Item.Label, unit, live, value, reason, sum, mismatch, departmentsSum?.GetValueOrDefault(key),
                x.Cell.Manual, theirs, note);
        }).ToList();

        var today = ChinaTime.Today(clock);
        return new FormDto(
            form.Id, p.Template.Code, p.Template.Name, p.Template.Title, p.Template.UnitCaption, form.UnitKey, form.UnitName, form.Period, form.CutoffDay,
            p.Days.Start, p.Days.AsOf, p.Days.DueOn, p.Days.DaysLeft(today), form.Status, form.Late, form.Revision, form.SubmittedAt, form.SubmittedBy,
            form.ReturnReason, items, children, children?.Where(c => FormStanding.NeverFiled(c.Status)).Select(c => c.Name).ToList(), p.IssuerName,
            CanEdit: CanFill(p) is null && !form.IsFrozen,
            CanSubmit: CanFill(p) is null && !form.IsFrozen && p.OwedTo is not null,
            CanReview: p.OwedTo is not null && CanReview(p.OwedTo) is null && form.Status == FormStatus.Submitted,
            p.Template.Notes, p.Template.FooterLines, form.Version, p.Template.Layout,
            p.Template.Layout == TemplateLayout.Matrix ? MatrixRates(computed, items, childrenSum) : null,
            children is null ? null : submittedCount, children?.Count(c => !c.IsDepartment), FormStanding.Of(form.Status, form.Revision));
    }

    private static List<RateDto> MatrixRates(IReadOnlyDictionary<string, decimal> computed, IReadOnlyList<ItemDto> items, IReadOnlyDictionary<string, decimal>? childrenSum)
    {
        var live = SectorMatrix.Rates(computed);
        var reported = SectorMatrix.Rates(items.ToDictionary(i => i.Key, i => i.Value));
        var children = childrenSum is null ? null : SectorMatrix.Rates(childrenSum);
        return live.Select(r =>
        {
            // A rate's key is row:column; its words come from the matrix's own row and column (003 附件2).
            return SectorMatrix.TryParse(r.Key, out var row, out var column)
                ? new RateDto(r.Key, r.Value, reported[r.Key], children?[r.Key], row.Label, column.Group, column.Label, column.Unit)
                : throw new InvalidOperationException($"the matrix made a rate it does not define: {r.Key}");
        }).ToList();
    }
}
