namespace HazardPortal.Core.Common;

/// <summary>
/// The days a record of the campaign can carry: from the first day of the campaign's year (the national
/// 重大事故隐患专项排查整治2023行动) to the end of 2100. A date outside (0001-01-01, 9999-12-31, a typo of
/// 2203) is refused at its field, wherever a record takes a day that is not bounded by today already.
/// </summary>
public static class RecordDates
{
    public static readonly DateOnly Earliest = new(2023, 1, 1);

    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool Within(DateOnly day) => day >= Earliest && day <= Latest;

    public static Error? Check(DateOnly day, string field, string label) =>
        Within(day) ? null : Error.Invalid(field, $"{label}须在{Earliest:yyyy-MM-dd}至{Latest:yyyy-MM-dd}之间");
}
