namespace HazardPortal.Core;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set, the last a check character.</summary>
public static class CreditCode
{
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character for the first 17 characters, or null if any is outside the charset.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Charset[check == 31 ? 0 : check];
    }

    /// <summary>Null when valid, otherwise a Chinese reason a user can act on.</summary>
    public static string? Validate(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "请填写统一社会信用代码";
        }

        if (code.Length != 18)
        {
            return $"统一社会信用代码应为18位，当前为{code.Length}位";
        }

        var bad = code.Where(c => !Charset.Contains(c, StringComparison.Ordinal)).Distinct().ToArray();
        if (bad.Length > 0)
        {
            return $"统一社会信用代码含有不允许的字符：{string.Join("、", bad)}（不使用I、O、Z、S、V及小写字母）";
        }

        var expected = CheckCharacter(code.AsSpan(0, 17));
        return expected == code[17] ? null : $"统一社会信用代码校验位错误：应为{expected}";
    }

    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>Completes 17 characters with their check character (used by the demo generator).</summary>
    public static string Complete(string first17) =>
        first17 + (CheckCharacter(first17) ?? throw new ArgumentException("Characters outside the GB 32100 charset.", nameof(first17)));
}
