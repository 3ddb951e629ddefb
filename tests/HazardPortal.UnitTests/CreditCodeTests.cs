using HazardPortal.Core;

namespace HazardPortal.UnitTests;

public class CreditCodeTests
{
    public static TheoryData<string, bool, string> Samples()
    {
        var data = new TheoryData<string, bool, string>();
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "uscc_samples.csv")).Skip(1);
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            var parts = line.Split(',', 3);
            data.Add(parts[0], bool.Parse(parts[1]), parts[2]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_code_is_judged_as_the_sample_file_says(string code, bool valid, string reason)
    {
        Assert.True(CreditCode.IsValid(code) == valid, $"{code}: expected {(valid ? "valid" : "invalid")} ({reason}), got {CreditCode.Validate(code)}");
    }

    [Fact]
    public void The_sample_file_has_ten_valid_and_ten_invalid_codes()
    {
        var samples = Samples().Select(row => row.Data.Item2).ToList();
        Assert.Equal(10, samples.Count(v => v));
        Assert.Equal(10, samples.Count(v => !v));
    }

    [Fact]
    public void A_remainder_of_zero_gives_check_character_zero_not_Y()
    {
        Assert.Equal('0', CreditCode.CheckCharacter("91360124MA1NH7351"));
        Assert.Contains("应为0", CreditCode.Validate("91360124MA1NH7351Y"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "请填写统一社会信用代码")]
    [InlineData("12500229MAW9W7BY5", "应为18位")]
    [InlineData("93500229MOQEBGDW55", "O")]
    [InlineData("12500229MAW9W7BY5N", "校验位错误：应为M")]
    public void Invalid_codes_get_a_Chinese_reason(string code, string expected)
    {
        Assert.Contains(expected, CreditCode.Validate(code), StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_appends_a_check_character_that_validates()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var body = string.Concat(Enumerable.Range(0, 9).Select(_ => CreditCode.Charset[random.Next(CreditCode.Charset.Length)]));
            var code = CreditCode.Complete("91" + "360124" + body);
            Assert.True(CreditCode.IsValid(code), code);
            Assert.Equal(18, code.Length);
        }
    }
}
