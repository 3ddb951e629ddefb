using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Flags;
using HazardPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Flags;

/// <summary>
/// Per-jurisdiction thresholds of the flag rules (issue #6): a jurisdiction's 安委办 — or one above it —
/// sets a rule's threshold (or switches it off) for the jurisdiction's subtree; a deeper setting wins; a
/// rule nobody set keeps the default. Every change goes through the audit trail.
/// </summary>
public sealed class FlagSettings(PortalDb portalDb, IValidator<FlagSettings.Command> validator, TimeProvider clock)
{
    public sealed class Command
    {
        public FlagRule Rule { get; set; }

        public bool Enabled { get; set; } = true;

        public decimal Value { get; set; }

        public decimal? Items { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rule).IsInEnum().WithMessage("没有这条预警规则");
            RuleFor(c => c).Custom((c, context) =>
            {
                if (!Enum.IsDefined(c.Rule))
                {
                    return;
                }

                var info = FlagRules.Info(c.Rule);
                if (c.Value < info.MinValue || c.Value > info.MaxValue)
                {
                    context.AddFailure("value", $"{info.ValueLabel}应在{info.MinValue:0.##}～{info.MaxValue:0.##}{info.ValueUnit}之间");
                }
                else if (info.ValueUnit != "%" && c.Value != decimal.Truncate(c.Value))
                {
                    context.AddFailure("value", $"{info.ValueLabel}应为整数");
                }

                if (info.ItemsLabel is null && c.Items is not null)
                {
                    context.AddFailure("items", "这条规则没有偏差个数");
                }
                else if (info.ItemsLabel is not null && (c.Items is null || c.Items < 0 || c.Items > info.MaxItems))
                {
                    context.AddFailure("items", $"{info.ItemsLabel}应在0～{info.MaxItems:0}个之间");
                }
            });
        }
    }

    /// <summary>The threshold in force for each rule at a jurisdiction, and where it was set.</summary>
    public sealed record Effective(FlagRule Rule, string Name, string Description, bool Enabled, decimal Value, decimal? Items, string ValueLabel, string ValueUnit,
        string? ItemsLabel, string? SetAt, string? SetAtName, bool Own);

    /// <summary>The settings on the path from the root to <paramref name="path"/> and in its subtree — all the finder needs to resolve any row below.</summary>
    public async Task<List<FlagSetting>> OnPathAndBelowAsync(AppDbContext db, string path, CancellationToken ct)
    {
        var node = new LTree(path);
        return await db.FlagSettings.AsNoTracking().Where(s => s.Path.IsAncestorOf(node) || s.Path.IsDescendantOf(node)).ToListAsync(ct);
    }

    public async Task<Result<IReadOnlyList<Effective>>> GetAsync(string? unit, CancellationToken ct = default)
    {
        if (portalDb.Scope.EnterpriseId is not null || portalDb.Scope.Path is null || !portalDb.Scope.SeesBusinessRows)
        {
            return Error.Forbidden("线索预警仅对监管部门、乡镇和安委办开放");
        }

        await using var db = portalDb.Open();
        var code = string.IsNullOrWhiteSpace(unit) ? portalDb.Scope.OwnCode! : unit;
        var node = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == code).Select(j => new { j.Code, j.Path }).SingleOrDefaultAsync(ct);
        if (node is null)
        {
            return Error.NotFound("地区");
        }

        var rows = await OnPathAndBelowAsync(db, node.Path.ToString(), ct);
        var names = rows.GroupBy(r => r.JurisdictionCode).ToDictionary(g => g.Key, g => g.First().JurisdictionName);
        return FlagRules.Catalogue.Select(info =>
        {
            var t = FlagRules.Resolve(info.Rule, node.Path.ToString(), rows);
            return new Effective(info.Rule, info.Name, FlagRules.Describe(t), t.Enabled, t.Value, t.Items, info.ValueLabel, info.ValueUnit, info.ItemsLabel,
                t.SetAt, t.SetAt is null ? null : names.GetValueOrDefault(t.SetAt, t.SetAt), t.SetAt == node.Code);
        }).ToList();
    }

    /// <summary>Sets a rule's threshold for a jurisdiction's subtree (its 安委办 or one above).</summary>
    public async Task<Result<IReadOnlyList<Effective>>> SetAsync(string code, Command command, CancellationToken ct = default)
    {
        if (await CheckAsync(code, ct) is { } denied)
        {
            return denied;
        }

        if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
        {
            return invalid;
        }

        await using var db = portalDb.Open();
        var node = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == code, ct);
        var row = await db.FlagSettings.SingleOrDefaultAsync(s => s.JurisdictionCode == code && s.Rule == command.Rule, ct);
        if (row is null)
        {
            row = new FlagSetting { JurisdictionCode = code, JurisdictionName = node.Name, Path = node.Path, Rule = command.Rule };
            db.FlagSettings.Add(row);
        }

        (row.Enabled, row.Value, row.Items, row.SetBy, row.SetAt) = (command.Enabled, command.Value, command.Items, portalDb.Scope.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(code, ct);
    }

    /// <summary>Drops a jurisdiction's own setting of a rule: it follows the jurisdiction above again.</summary>
    public async Task<Result<IReadOnlyList<Effective>>> ResetAsync(string code, FlagRule rule, CancellationToken ct = default)
    {
        if (await CheckAsync(code, ct) is { } denied)
        {
            return denied;
        }

        await using var db = portalDb.Open();
        var row = await db.FlagSettings.SingleOrDefaultAsync(s => s.JurisdictionCode == code && s.Rule == rule, ct);
        if (row is not null)
        {
            db.FlagSettings.Remove(row);
            await db.SaveChangesAsync(ct);
        }

        return await GetAsync(code, ct);
    }

    /// <summary>The signed-in unit's own jurisdiction code.</summary>
    public string OwnCode => portalDb.Scope.OwnCode ?? string.Empty;

    public async Task<bool> CanSetAsync(string code, CancellationToken ct = default) => await CheckAsync(code, ct) is null;

    private async Task<Error?> CheckAsync(string code, CancellationToken ct)
    {
        if (!AccessRules.IsSafetyOffice(portalDb.Scope))
        {
            return Error.Forbidden("只有本级或上级安委办可以设置预警阈值");
        }

        await using var db = portalDb.Open();
        var node = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == code).Select(j => new { j.Path }).SingleOrDefaultAsync(ct);
        return node is null || !portalDb.Scope.Contains(node.Path.ToString()) ? Error.NotFound("地区") : null;
    }
}
