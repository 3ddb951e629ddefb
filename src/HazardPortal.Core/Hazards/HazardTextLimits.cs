namespace HazardPortal.Core.Hazards;

/// <summary>
/// One length limit per text of a hazard, applied on registration, on edit and in the history alike
/// (the validators at the edge and the aggregate's transitions read these).
/// </summary>
public static class HazardTextLimits
{
    public const int Title = 200;
    public const int Description = 4000;
    public const int Location = 500;
    public const int Clause = 500;
    public const int Person = 100;
    public const int PlanText = 4000;
    public const int Reason = 1000;
}
