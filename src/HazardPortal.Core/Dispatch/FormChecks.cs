namespace HazardPortal.Core.Dispatch;

/// <summary>A failed check or a warning, naming the item and the rule.</summary>
public sealed record Finding(string Key, string Rule, string Message);

/// <summary>
/// The checks before submit (SPEC §6, 实事求是、严禁弄虚作假): the pairs of <see cref="Metrics.Checks"/>
/// block submission; a Sum or Distinct value lower than the same unit's last accepted value of the same
/// window is a warning that needs a written reason.
/// </summary>
public static class FormChecks
{
    public const string LowerThanAccepted = "lower_than_accepted";

    public static List<Finding> Errors(IReadOnlyDictionary<string, decimal> values) =>
        Metrics.Checks
            .Concat(SectorMatrix.Rows.SelectMany(r => SectorMatrix.ColumnChecks.Select(c =>
                (Key: SectorMatrix.Key(r.Code, c.Column), Limit: SectorMatrix.Key(r.Code, c.Limit), c.Rule, Message: $"{r.Label}：{c.Message}"))))
            .Where(c => values.ContainsKey(c.Key) && values.ContainsKey(c.Limit) && values[c.Key] > values[c.Limit])
            .Select(c => new Finding(c.Key, c.Rule, $"{c.Message}（{Format(values[c.Key])} > {Format(values[c.Limit])}）"))
            .ToList();

    public static List<Finding> Warnings(IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<string, decimal>? lastAccepted) =>
        lastAccepted is null
            ? []
            : values
                .Where(v => Metrics.Find(v.Key) is { RollUp: RollUp.Sum or RollUp.DistinctEnterprises } && lastAccepted.TryGetValue(v.Key, out var last) && v.Value < last)
                .Select(v => new Finding(v.Key, LowerThanAccepted, $"低于上次审核通过的数值（{Format(lastAccepted[v.Key])}），请说明原因（如隐患作废、验收未通过）"))
                .ToList();

    public static string Format(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
