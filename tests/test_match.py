"""The default matcher, its number/date normalisation and the batch interface."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MemoryStore

from factcheck.errors import InputError
from factcheck.match import load_matcher
from factcheck.match.batch import document_exact, run_batch
from factcheck.match.quantities import conflicts, quantities, same_value
from factcheck.match.score import review_reason
from factcheck.match.text import claim_parts, opening_name, terms
from factcheck.models import Claim, SourceRef

WICE = Path(__file__).resolve().parents[1] / "bench" / "data" / "wice" / "dev.jsonl"

OPENAI_PAGE = """OpenAI - Wikipedia-style summary
OpenAI is an artificial intelligence research organisation based in San Francisco.
It was founded in December 2015 by Sam Altman, Elon Musk, Ilya Sutskever and others.
Musk and Altman co-founded OpenAI in 2015 as a non-profit research lab.
The organisation later created a capped-profit subsidiary.
Its best-known product is the chatbot ChatGPT, released in November 2022."""

UNRELATED_PAGE = """Growing tomatoes at home
Tomatoes need at least six hours of sun a day and regular watering.
Plant them after the last frost, in soil rich in compost.
Pinch out side shoots to get bigger fruit, and stake the plants early.
Harvest when the fruit is fully coloured and slightly soft."""

REVENUE_PAGE = """Acme Corp annual results
Acme Corp said on Tuesday that its revenue for 2023 reached $81.5 billion, up from the year before.
The company employs about 40,000 people worldwide.
Chief executive Jane Doe said the company would keep investing in new factories."""

DRUG_PAGE = """Regulators reject Zentrax
The drug Zentrax was not approved by the Food and Drug Administration in 2021.
The agency asked the maker for more data on side effects.
Shares in the maker fell sharply after the announcement."""


@pytest.fixture(scope="session")
def matcher():
    """The default matcher, with the embedding model loaded once for the session."""
    return load_matcher("default")


def claim(text: str, translation: str | None = None, context: str | None = None) -> Claim:
    return Claim(id="c1", text=text, sources=(SourceRef(url="https://example.org/page"),),
                 translation=translation, context=context)


def doc(text: str, url: str = "https://example.org/page"):
    return document_exact(url, text)


# -- numbers and dates -------------------------------------------------------
@pytest.mark.parametrize("text, values", [
    ("about 12 000 people", [12000]),  # French, Russian, Nordic and SI style: spaces group the digits
    ("about 12\u202f000 people", [12000]),  # narrow no-break space
    ("Il y a 250\u00a0000 habitants", [250000]),
    ("1 234 567,5 euros", [1234567.5]),
    ("In 1914 100 ships sank", [1914, 100]),  # a year then a count: no group of three after four digits
    ("January 12 2019", [2019]),
    ("call 020 7946 0958", [20, 7946, 958]),  # groups of four are not thousands
    ("twelve thousand people", [12000]),  # a number word of any size before its scale word
    ("twenty-five thousand runners", [25000]),
    ("ninety nine million", [99000000]),
    ("nearly one-third of the total", [100 / 3 - 2]),  # a share in words: a range around the percentage
    ("two-thirds of members", [200 / 3 - 2]),
    ("renewed for a fifth season", []),  # fifth in an order, not a fifth of something
    ("in the first three quarters of the year", [3]),  # quarters of a year, not three quarters of it
])
def test_digits_grouped_by_spaces_and_numbers_in_words_are_one_number(text, values):
    assert [q.lo for q in quantities(text)] == pytest.approx(values)


def test_a_number_grouped_by_spaces_states_the_same_number_grouped_by_commas(matcher):
    page = "Rapport.\nLa ville compte environ 12 000 habitants et 3 500 km de routes.\n"
    v = matcher.match(claim("La ville compte environ 12,000 habitants et 3,500 km de routes."), doc(page))
    assert v.verdict == "supported" and not v.missing, v
    wrong = matcher.match(claim("La ville compte environ 13,000 habitants et 3,500 km de routes."), doc(page))
    assert wrong.verdict != "supported", wrong


@pytest.mark.parametrize("zh, en", [
    ("974亿美元", "$97.4 billion"),
    ("数千万", "tens of millions"),
    ("2025年2月", "February 2025"),
    ("百分之三十", "30 percent"),
    ("两千万", "20 million"),
    ("$97.4 billion", "97,412,000,000 dollars"),  # rounding at the precision written
    ("40,000", "39,800"),
    ("3.5 million", "3,500,000"),
])
def test_quantities_agree_across_languages(zh, en):
    [a] = quantities(zh)
    [b] = quantities(en)
    assert same_value(a, b) and same_value(b, a)


@pytest.mark.parametrize("text, kind", [
    ("tens of millions of dollars", "money"), ("millions of dollars in funding", "money"), ("数千万美元", "money"),
    ("几十亿元", "money"), ("several million euros", "money"),
    ("tens of millions of people", "number"), ("dozens of dollar stores", "number"), ("数十人", "count:人"),
])
def test_a_vague_sum_counts_its_currency(text, kind):
    # "tens of millions of dollars" read "dollars" as a word of its own, which no sentence giving "$44 million"
    # states: the sum went missing with it
    [q] = quantities(text)
    assert q.kind == kind, q


@pytest.mark.parametrize("text", ["马斯克作为早期资助者投入了数千万美元。", "Musk put tens of millions of dollars into OpenAI."])
def test_a_vague_sum_is_found_in_an_exact_one(matcher, text):
    v = matcher.match(claim(text), doc("Report.\nMusk, an early backer, donated about $44 million to OpenAI.\n"))
    assert not any(m in ("数千万美元", "tens of millions of dollars", "美元", "dollars") for m in v.missing), v
    assert not any("million" in m or "千万" in m for m in v.missing), v


@pytest.mark.parametrize("claimed, stated, backed", [
    ("fell 0.7%", "fell 1%", False), ("2.5 million", "2 million", False), ("3.2亿", "3亿", False),
    ("fell 1%", "fell 0.7%", True),  # the claim rounds the source's figure
    ("2 million", "2.5 million", True), ("2,000,000", "2 million", True), ("39,800", "40,000", True),
])
def test_a_figure_of_one_digit_backs_no_more_precise_claim(claimed, stated, backed):
    # a page's "1" (of 1—11月, "1 in 5") is a count, a month or a rank, not a rounding of a claim's 0.7
    [a] = quantities(claimed)
    [b] = quantities(stated)
    assert same_value(a, b) == backed


@pytest.mark.parametrize("claim_text, source_text", [
    ("$97.4 billion", "$81.5 billion"),
    ("2025年2月", "March 2025"),
    ("May 19, 2016", "2016"),  # the source must give the day the claim gives
    ("12%", "12 people"),
    ("$97.4 billion", "$93 billion"),
    ("40,000", "36,000"),
    ("12%", "13%"),
    ("两千万", "21 million"),
    ("4,345", "4,338"),  # exact counts: no tolerance beyond the last digit written (was 0.1% of the value)
    ("4.345", "4.338"),  # the German way of writing them, read alike on both sides
])
def test_quantities_differ(claim_text, source_text):
    [a] = quantities(claim_text)
    [b] = quantities(source_text)
    assert not same_value(a, b)


def test_year_is_backed_by_a_full_date():
    [year] = quantities("in 2015")
    [date] = quantities("on December 11, 2015")
    assert same_value(year, date)



@pytest.mark.parametrize("text", ["The A380 entered service", "the G20 summit", "iPhone15 buyers", "ver2.5 of it"])
def test_digits_inside_a_name_are_not_a_number(text):
    # the bare-number pattern's look-behind used to guard only its first alternative: "A380" gave 380
    assert quantities(text) == []
    assert [q.lo for q in quantities(text + ", 380 of them")] == [380]



@pytest.mark.parametrize("page_text, date", [
    ("am 18. November 2021 in Berlin", (2021, 11, 18)),
    ("no dia 18 de novembro de 2021, em", (2021, 11, 18)),
    ("el pasado 30 de abril de 2022", (2022, 4, 30)),
    ("le 1er mars 2020", (2020, 3, 1)),
    ("il 3 maggio 2019", (2019, 5, 3)),
    ("op 12 maart 2023", (2023, 3, 12)),
    ("Aktualisiert am 19.02.2020", (2020, 2, 19)),
])
def test_dates_written_the_way_other_languages_write_them(page_text, date):
    [q] = quantities(page_text)
    assert q.kind == "date" and q.date == date
    [zh] = quantities(f"{date[0]}年{date[1]}月{date[2]}日")  # a Chinese claim's date is stated by the page
    assert same_value(zh, q)


@pytest.mark.parametrize("page_text, date", [
    ("Filed 05/17/1954 in Topeka", (1954, 5, 17)),  # month/day/year, as the United States write it
    ("Published 23/05/2019, updated", (2019, 5, 23)),  # day/month/year, as most of the world does
    ("Posted 9/21/15 by staff", (2015, 9, 21)),
    ("发布时间：2013/10/22 10:05", (2013, 10, 22)),  # year first, as East Asian pages write it
    ("更新于2011.02.22", (2011, 2, 22)),
    ("on 5/5/2020 at noon", (2020, 5, 5)),
])
def test_dates_written_with_slashes_or_year_first(page_text, date):
    # "05/17/1954" was three numbers, 5, 17 and 1954: it backed no claim's date, and a claim's 17 found it
    dates = [q.date for q in quantities(page_text) if q.kind == "date"]
    assert dates == [date]
    [zh] = quantities(f"{date[0]}年{date[1]}月{date[2]}日")
    assert same_value(zh, next(q for q in quantities(page_text) if q.kind == "date"))


@pytest.mark.parametrize("page_text", ["on 02/12/2013 in", "on 8/10/2019, the"])
def test_a_slashed_date_either_order_could_read_states_its_year_only(page_text):
    # February 12 or 2 December: a wrong day would conflict with a claim's date, so neither is read
    [q] = quantities(page_text)
    assert q.kind == "year" and q.date[1:] == (0, 0)
    [claim_date] = quantities("on December 2, 2013" if "2013" in page_text else "on August 10, 2019")
    assert not same_value(claim_date, q)  # not backed: the page does not say which day
    assert same_value(quantities("in " + str(q.date[0]))[0], q)  # but its year is stated


@pytest.mark.parametrize("text", ["a ratio of 1/2/3", "see https://example.org/2019/05/17/story", "version 3.1.2"])
def test_what_only_looks_like_a_slashed_date_is_not_one(text):
    assert all(q.kind != "date" for q in quantities(text))


@pytest.mark.parametrize("page_text, date", [
    ("BFI London Film Festival, Thursday 18 October 15:30, Odeon", (0, 10, 18)),  # a time after it: no 15 October
    ("DVD, Blu-ray and Digital on 12th November.", (0, 11, 12)),
    ("Doors open on the 2nd of March.", (0, 3, 2)),
])
def test_a_day_and_month_without_a_year(page_text, date):
    dates = [q.date for q in quantities(page_text) if q.kind == "date"]
    assert dates == [date]
    [zh] = quantities(f"{date[1]}月{date[2]}日")
    assert same_value(zh, next(q for q in quantities(page_text) if q.kind == "date"))


@pytest.mark.parametrize("zh, en", [("全长6公里", "a 6 km line"), ("高108米（355英尺）", "355 ft tall"),
                                     ("重12公斤", "weighs 12 kg"), ("全长6公里", "runs for 6 kilometres")])
def test_a_chinese_unit_is_the_english_unit(zh, en):
    from factcheck.match.quantities import conflicts

    page = quantities(en)
    assert any(same_value(q, p) for q in quantities(zh) for p in page), (quantities(zh), page)
    [km] = quantities("全长6公里")
    [other] = quantities("an 8 km line")
    assert not same_value(km, other) and conflicts(km, other)  # 6公里 against 8 km: given otherwise
    [kg] = quantities("6 kg")
    assert not same_value(km, kg) and not conflicts(km, kg)  # another unit: neither


@pytest.mark.parametrize("text", ["当年11月，市艺术委员会表示", "同年11月份", "次年11月", "去年11月"])
def test_a_month_of_a_year_named_in_words_is_a_month(text):
    [month] = quantities(text)
    assert (month.kind, month.date) == ("date", (0, 11, 0))  # not a bare 11
    [english] = [q for q in quantities("The board said in November 2016 that the search was not inclusive.")]
    assert same_value(month, english)
    [full] = quantities("2016年11月")
    assert full.date == (2016, 11, 0)  # a year in digits is still read with its month


@pytest.mark.parametrize("page_text, claim_text", [
    ("Forty-five people attended", "45人出席"),  # one number, not 40 and 5
    ("the Sixty-Six Books project", "六十六卷书"),
    ("twenty one guns", "21 guns"),
    ("the 400th anniversary of the King James Bible", "问世400周年"),
    ("in the 21st century", "21世纪"),
])
def test_numbers_written_as_words_or_ordinals(page_text, claim_text):
    [page] = quantities(page_text)
    [c] = quantities(claim_text)
    assert same_value(c, page), (c, page)


def test_an_ordinal_is_a_place_in_an_order_in_either_language():
    from factcheck.match.contradict import same_count

    [tenth] = quantities("The launch was the 10th flight of the series.")
    [zh_tenth] = quantities("此次发射是该系列火箭的第10次飞行。")
    [zh_ninth] = quantities("这是该系列火箭的第9次飞行。")
    [times] = quantities("The rocket has flown 10 times.")
    assert tenth.kind == zh_tenth.kind == "ordinal"
    assert same_value(tenth, zh_tenth) and same_value(zh_tenth, tenth)
    assert not same_value(tenth, zh_ninth)
    assert not same_value(zh_tenth, times) and not same_value(times, zh_tenth)  # the 10th time is not 10 times
    hour = next(q for q in quantities("21日10时15分，火箭发射升空") if q.kind == "time")
    assert hour.lo == 10 * 60 + 15 and not same_value(tenth, hour)  # ten o'clock is no 10th
    [bare] = quantities("flight 10 of the series")
    assert same_value(tenth, bare)  # a bare 10 still backs it
    assert same_count(tenth, "the 10th flight", zh_ninth, "第9次飞行")  # given otherwise: a feature


def test_a_chinese_hour_is_a_time_of_day():
    [force] = quantities("the maximum wind force reached force 15")
    page = quantities("台风于9日15时40分登陆，中心附近最大风力15级")
    hour = next(q for q in page if q.kind == "time")
    level = next(q for q in page if q.kind == "count:级")
    assert not same_value(force, hour) and not same_value(hour, force)  # 15时 is three in the afternoon
    assert same_value(force, level)  # a bare 15 still backs 15级
    [pm] = quantities("The typhoon made landfall at 3:40 p.m. local time")
    [clock] = quantities("登陆时间为15:40")
    assert same_value(pm, hour) and same_value(hour, pm) and same_value(clock, hour)
    assert not same_value(quantities("at 3:40 a.m.")[0], hour)
    [on_the_hour] = quantities("市气象台当天6时将暴雨预警升级")
    assert on_the_hour.kind == "time" and on_the_hour.lo == 360
    assert [q.kind for q in quantities("提出3点建议，持续3小时")] == ["number", "count:小时"]  # points and hours


def test_a_count_written_in_words_backs_the_same_count(matcher):
    page = ("The memorial service was held on Sunday. Forty-five people attended the service in the chapel. "
            "A reception followed.")
    v = matcher.match(claim("45 people attended the memorial service in the chapel."), doc(page))
    assert v.verdict == "supported", v


def test_chinese_months_points_and_myriads():
    [month] = quantities("11月份，社会消费品零售总额同比增长3.9%")[:1]
    assert month.kind == "date" and month.date == (0, 11, 0)
    assert all(q.kind != "date" for q in quantities("3个月后"))  # a duration, not March
    [zh_points] = quantities("增速比上月加快0.7个百分点")
    [en_points] = quantities("growth quickened by 0.7 percentage points")
    [level] = quantities("由50%提高到")
    assert same_value(zh_points, en_points) and not same_value(en_points, level)
    assert zh_points.kind == "measure:points" and level.kind == "percent"  # a difference is not a level
    # news shortens "percentage points" to "points" (and 个百分点 to 点), read as a bare number: it backs them
    for short, value in (("quickened by 0.7 points", True), ("up 0.7 pts", True), ("up 0.8 points", False),
                         ("in months 1 to 11", False)):  # not a rounding of 0.7
        assert any(same_value(en_points, q) for q in quantities(short)) is value, short
    [trillion] = quantities("4.3万亿元")
    assert trillion.lo == 4.3e12  # 万亿 is 10^12, not (4.3 x 10^4 + 1) x 10^8


@pytest.mark.parametrize("zh, same_as", [
    ("约占总销量的五分之一", "about 20% of sales"), ("占比约两成", "a share of 20%"), ("增长近四成", "40%"),
    ("三分之二的人", "67% of people"), ("七成以上", "70 percent"),
    ("全国三分之一的桃子", "a third of the peaches"),  # a round share in words either side, not a precise 33.33%
    ("四分之三的人", "three quarters of the people"),
])
def test_shares_as_chinese_writes_them(zh, same_as):
    [share] = quantities(zh)
    [percent] = quantities(same_as)
    assert share.kind == "percent" and same_value(share, percent) and same_value(percent, share)
    assert not same_value(share, quantities("45% of people")[0])


@pytest.mark.parametrize("zh, en", [
    ("二〇二〇年八月十二日", "August 12, 2020"), ("一九四九年", "1949"), ("二零二五年", "in 2025"), ("一一〇人", "110 people"),
])
def test_chinese_numerals_written_digit_by_digit(zh, en):
    # official Chinese dates write the year digit by digit; it was read as 0 (二〇二〇) or 9 (一九四九)
    [a] = quantities(zh)
    [b] = quantities(en)
    assert same_value(a, b) and same_value(b, a), (a, b)


def test_once_opening_a_sentence_is_no_count():
    # "Once phase two is completed" was a count of times (once), a key part no page could state
    assert [q.raw for q in quantities("Once phase two of Line 25 is completed, fares stay unchanged.")] == ["two", "25"]
    assert [q.raw for q in quantities("The team won. Once the rain stopped, they left.")] == []
    assert [q.kind for q in quantities("Arsenal has won the FA Cup once.")] == ["measure:times"]


@pytest.mark.parametrize("text", ["她是唯一一位进入前十的球员", "这是唯一一次", "统一一下口径", "万一一个人也没有", "一一列举"])
def test_the_one_of_a_word_is_no_number(text):
    # 唯一一位 was the number 一一 (1) and 万一一个 10001; a claim's number the page cannot state
    assert quantities(text) == [], quantities(text)
    assert [q.lo for q in quantities("她是唯一一百岁的人")] == [100]


@pytest.mark.parametrize("text", ["两部分之间", "一成不变", "成为第一", "完成了任务"])
def test_words_with_cheng_or_fenzhi_are_no_share(text):
    assert all(q.kind != "percent" for q in quantities(text))


@pytest.mark.parametrize("text, lo, hi", [
    ("事故造成十余人死亡", 10, 20), ("20多名队员", 20, 30), ("转移群众4300余人", 4300, 4400), ("百余项", 100, 200),
])
def test_chinese_more_than_a_number(text, lo, hi):
    [q] = quantities(text)
    assert (q.lo, q.hi) == (lo, hi)
    assert all(not quantities(t) for t in ("其余的人", "差不多", "很多人", "多家企业"))


@pytest.mark.parametrize("claim_text, source_text, same", [
    ("more than 12,000 water samples", "累计检测水样1.2万余份", True),
    ("obtained more than 4,200 usable images", "获得有效影像4200余条", True),
    ("超过1.2万份", "more than 12,000 samples", True),
    ("over 12,000 people", "1.2万人以上", True),
    ("fell to minus 12.3°C", "最低气温降至-12.3℃", True),  # one sign for degrees Celsius, after a Chinese word too
    ("12,000 water samples", "累计检测水样1.2万余份", False),  # a precise count is not backed by "12,000-odd"
    ("more than 13,000 samples", "1.2万余份", False),
    ("more than 12,000 samples", "超过1.3万份", False),
    ("12.3°C", "12.3 km", False),
    # a value just above a claim's lower bound backs it; one far above, or below, does not
    ("最大累计雨量超过280毫米", "最大累计雨量达286.2毫米", True),
    ("more than 280 mm of rain", "286.2 mm of rain", True),
    ("rainfall exceeded 280 millimetres", "最大累计雨量达286.2毫米", True),  # a verb of the bound, a unit spelt out
    ("sales surpassed 1,000 units", "sales of 1,040 units", True),
    ("more than 280 mm of rain", "900 mm of rain", False),
    ("more than 280 mm of rain", "270 mm of rain", False),
    ("280 mm of rain", "超过286.2毫米", False),  # the bound is the source's: it does not state 280
    # a round bound is no rounding of a value below it (each backed before)
    ("more than $100 billion", "$97.4 billion", False), ("超过1000亿美元", "$97.4 billion", False),
    ("over 100 people", "98 people", False), ("more than 1,000 people", "1,000 people", True),
])
def test_counts_and_bounds_as_each_language_writes_them(claim_text, source_text, same):
    [a] = quantities(claim_text)
    [b] = quantities(source_text)
    assert same_value(a, b) is same, (a, b)


@pytest.mark.parametrize("claim_text, page, same", [
    ("报销比例上调10个百分点", "报销比例由50%提高到60%", True),
    ("年度封顶额增加400元", "年度最高支付限额由800元提高至1200元", True),
    ("常住人口比上年末增加8.6万人", "常住人口由1023.8万人增加到1032.4万人", True),
    ("enrolment grew by 90 students", "the number of students enrolled rose from 70 to 160", True),
    ("attendance fell 15 percentage points", "attendance declined from 84% to 69%", True),
    ("报销比例上调5个百分点", "报销比例由50%提高到60%", False),  # the change the ends give is 10 points
    ("报销比例下调10个百分点", "报销比例由50%提高到60%", False),  # and it is a rise
    ("a group of 40 people", "groups of from 30 to 70 people", False),  # a range, not a change: no verb of change
    ("a group of 40 people", "每组从30到70人", False),
])
def test_a_change_given_by_its_two_ends_backs_the_change(claim_text, page, same):
    claim_q = [q for q in quantities(claim_text)]
    assert claim_q, claim_text
    assert any(same_value(claim_q[-1], q) for q in quantities(page)) is same, (claim_q, quantities(page))


@pytest.mark.parametrize("text", ["once it enters the body", "once they arrive", "once this is done"])
def test_once_as_a_conjunction_is_no_count(text):
    assert quantities(text) == []


def test_days_and_years_named_relative_to_the_page_date():
    from factcheck.match.quantities import relative_dates

    page = (2023, 12, 16)
    got = [(q.raw, q.kind, q.date) for q in relative_dates("昨日市区最低气温降至-12.3℃，去年冬季最低为-5℃。", page)]
    assert got == [("昨日", "date", (2023, 12, 15)), ("去年", "year", (2022, 0, 0))]
    got = [(q.raw, q.date) for q in relative_dates("公司昨日表示，前年业绩最好。", (2024, 3, 1))]
    assert got == [("昨日", (2024, 2, 29)), ("前年", (2022, 0, 0))]  # across a month's end, in a leap year
    assert relative_dates("昨日", (2024, 3, 0)) == []  # a day needs the page's day
    assert relative_dates("去年", (0, 0, 0)) == []
    [claim] = quantities("On December 15, 2023")
    [stated] = relative_dates("昨日", page)
    assert same_value(claim, stated)


@pytest.mark.parametrize("british, american", [
    ("optimisation", "optimization"), ("colours", "colors"), ("neighbourhood", "neighborhood"),
    ("kilometres", "kilometers"), ("travelled", "traveled"), ("organised", "organized"), ("analysing", "analyzing"),
    ("defence", "defense"), ("programme", "program"), ("favourite", "favorite"), ("haemoglobin", "hemoglobin"),
    ("centred", "centered"), ("theatre", "theater"), ("recognises", "recognizes"), ("paediatric", "pediatric"),
    ("fulfils", "fulfills"), ("fulfilled", "fulfilled"), ("fulfilment", "fulfillment"),
])
def test_british_and_american_spellings_are_one_term(british, american):
    from factcheck.match.text import stem

    assert stem(british) == stem(american)


@pytest.mark.parametrize("one, other", [("prise", "prize"), ("raised", "razed"), ("rise", "rize"), ("genre", "gener")])
def test_spelling_folds_make_no_two_words_one(one, other):
    from factcheck.match.text import stem

    assert stem(one) != stem(other)


@pytest.mark.parametrize("forms", ["die dies died dying", "lie lies lied lying", "tie ties tied tying",
                                   "try tries tried trying", "cry cries cried", "agree agrees agreed agreeing",
                                   "decree decreed", "guarantee guaranteed", "free frees freed"])
def test_a_short_verbs_forms_are_one_term(forms):
    # "Patterson died at 78" against a headline "Liz Patterson dies at 78": died was "died", dies "die"
    from factcheck.match.text import stem

    assert len({stem(w) for w in forms.split()}) == 1, {w: stem(w) for w in forms.split()}


@pytest.mark.parametrize("text, supported", [
    ("Patterson died aged 78.", True), ("Patterson died at the age of 78.", True),
    ("Patterson died at 78 years old.", True), ("Patterson, a 78-year-old, died.", True),
    ("Patterson died aged 79.", False), ("Patterson died at the age of 87.", False),
])
def test_an_age_as_a_headline_states_it(matcher, text, supported):
    # "aged", "at the age of", "years old" say the number is an age; they are no parts a page must repeat
    page = doc("Obituaries.\n# Former Congresswoman Liz Patterson dies at 78\nShe served three terms.\n")
    assert (matcher.match(claim(text), page).verdict == "supported") == supported
    assert (matcher.analyse(claim(text), page).missing == ()) == supported


@pytest.mark.parametrize("name, found", [("Paterson", True), ("Philips", True), ("Patterson", True),
                                         ("Peterson", False), ("Pattinson", False), ("Pat", False)])
def test_a_name_with_a_letter_doubled_or_not_is_found(matcher, name, found):
    # "Paterson" for the page's "Patterson" is one name spelt two ways; a name one other letter off is not
    page = doc("Obituaries.\nFormer congresswoman Liz Patterson and Mark Phillips died in Spartanburg.\n")
    a = matcher.analyse(claim(f"{name} died in Spartanburg."), page)
    assert (name not in a.missing) == found, a.missing


def test_a_claim_in_british_spelling_on_an_american_page(matcher):
    page = ("Combinatorial optimization is a branch of mathematics and computer science.\n"
            "The city center theater was organized by the neighborhood council.\n")
    for text in ("Combinatorial optimisation is a branch of mathematics.",
                 "The city centre theatre was organised by the neighbourhood council."):
        v = matcher.match(claim(text), doc(page))
        assert not v.missing and v.verdict == "supported", v


def test_days_of_the_week_read_against_the_page_date():
    from factcheck.match.quantities import weekday_dates

    monday = (2018, 11, 12)  # a Monday
    got = [(q.raw, q.date) for q in weekday_dates("She died Saturday, and the vote is next Monday.", monday)]
    assert got == [("Saturday", (2018, 11, 10)), ("next Monday", (2018, 11, 19))]
    assert [q.date for q in weekday_dates("Monday's vote", monday)] == [(2018, 11, 12)]  # the page's own day
    assert [q.date for q in weekday_dates("last Monday", monday)] == [(2018, 11, 5)]
    assert [q.date for q in weekday_dates("The council will vote on Tuesday.", monday)] == [(2018, 11, 13)]
    # a future in another clause, after the day, leaves it in the past
    assert [q.date for q in weekday_dates("She died Saturday, and a funeral will be held.", monday)] == [(2018, 11, 10)]
    wednesday = (2018, 11, 14)  # Chinese weeks run Monday to Sunday: 上周一 is the Monday of the week before
    assert [q.date for q in weekday_dates("上周一", wednesday)] == [(2018, 11, 5)]
    assert [q.date for q in weekday_dates("下周五将发布", wednesday)] == [(2018, 11, 23)]
    assert [q.date for q in weekday_dates("周一，他表示", wednesday)] == [(2018, 11, 12)]
    assert weekday_dates("每周一开放，一周一次，周末休息", wednesday) == []  # every Monday, once a week, weekend
    assert weekday_dates("Saturday", (2018, 11, 0)) == []  # a day needs the page's full date
    [stated] = weekday_dates("died Saturday", monday)
    [other] = quantities("on November 3, 2018")
    assert same_value(quantities("November 10, 2018")[0], stated)
    assert not conflicts(other, stated)  # a guess from the page's date backs a claim, it never conflicts with one


def test_a_news_page_dates_what_happened_by_the_day_of_the_week(matcher):
    page = ("Former congresswoman Liz Patterson dies at 78\nNov 12, 2018 at 4:14 PM\n"
            "Elizabeth Patterson, a three-term congresswoman from Spartanburg, died Saturday at her home.\n"
            "She was 78.\nShe served on the county council in the 1970s.")
    verdict = matcher.match(claim("Liz Patterson died on November 10, 2018."), doc(page))
    assert "November 10, 2018" not in verdict.missing and verdict.verdict == "supported", verdict
    verdict = matcher.match(claim("Liz Patterson died on November 3, 2018."), doc(page))
    assert "November 3, 2018" in verdict.missing and verdict.verdict != "supported", verdict


def test_sentence_quantities_are_placed_in_their_own_sentence():
    from factcheck.match.retrieve import _sentence_quantities

    texts = ["No number here.", "In 2019 it won 3 games.", "Then 12 more."]
    for text, qs in zip(texts, _sentence_quantities(texts)):
        assert all(text[q.start:q.end] == q.raw for q in qs), (text, qs)


def test_an_english_claim_dated_by_a_chinese_pages_yesterday(matcher):
    page = ("寒潮来袭 我市昨日最低气温降至-12.3℃\n2023-12-16 06:30 来源：北川晨报\n"
            "本报讯 受强寒潮影响，昨日北川市气温大幅下降，市区最低气温降至-12.3℃，为今冬以来最低。")
    for text in ("On December 15, 2023, the lowest temperature in urban Beichuan fell to minus 12.3°C.",
                 "2023年12月15日，北川市区最低气温降至零下12.3℃。"):
        verdict = matcher.match(claim(text), doc(page))
        assert not {"December 15, 2023", "2023年12月15日", "12.3°C", "12.3℃"} & set(verdict.missing), verdict


def test_a_later_report_on_the_page_is_dated_by_its_own_publication_line(matcher):
    # a page that carries several reports dates each by the line above it, not by the page's first
    # date; a short sentence that names a date (a birth) dates nothing below it
    filler = "".join(f"第{n}条：本市各区继续做好冬季供暖保障工作，各部门加强值守。\n" for n in range(6))
    page = ("要闻汇总\n2020-11-28 09:00 来源：新华网\n新华社北京11月28日电 本市28日召开供暖工作会议。\n" + filler
            + "2021-03-12 10:20 来源：人民网\n本报讯 北川市跨江大桥12日正式通车，全长1.2公里。\n")
    verdict = matcher.match(claim("2021年3月12日，北川市跨江大桥正式通车。"), doc(page))
    assert "2021年3月12日" not in verdict.missing and verdict.verdict == "supported", verdict
    wrong = matcher.match(claim("2020年11月12日，北川市跨江大桥正式通车。"), doc(page))
    assert wrong.verdict != "supported", wrong
    born = (page.split("2021-03-12")[0] + "2021-03-12 10:20 来源：人民网\n" + filler
            + "他于1950年3月3日出生于上海。\n本报讯 北川市跨江大桥12日正式通车，全长1.2公里。\n")
    verdict = matcher.match(claim("2021年3月12日，北川市跨江大桥正式通车。"), doc(born))
    assert "2021年3月12日" not in verdict.missing, verdict


def test_a_chinese_count_given_otherwise_for_a_vague_one():
    [vague] = quantities("事故造成十余人死亡")
    [two] = quantities("事故造成2人死亡")
    [thirteen] = quantities("事故造成13人死亡")
    assert not same_value(vague, two) and same_value(vague, thirteen)
    [one] = quantities("启动防暴雨Ⅰ级应急响应")
    [level_two] = quantities("启动的是Ⅱ级应急响应")
    assert (one.lo, level_two.lo) == (1, 2) and not same_value(one, level_two)


def test_decades_across_languages():
    [zh] = quantities("20世纪60年代流行乐队的创始成员")
    [en] = quantities("a founder member of the 1960s pop group")
    [later] = quantities("a 1970s band")
    assert same_value(zh, en) and not same_value(en, later)
    assert quantities("since the 1800s")[0].hi == 1899  # a century's years
    assert all(q.kind != "number" for q in quantities("in the 1990s"))  # not a bare 1990


@pytest.mark.parametrize("text, first", [
    ("上世纪40年代的上海", 1940), ("40年代的上海", 1940), ("八十年代末", 1980), ("二十世纪八十年代", 1980),
    ("上个世纪90年代", 1990), ("本世纪20年代", 2020), ("十九世纪六十年代", 1860), ("1980年代", 1980)])
def test_a_chinese_decade_with_its_century_or_without(text, first):
    # a bare 40年代 was a number 40 that "the 1940s" could not match; a century written in numerals
    # (二十世纪) gave two bare numbers
    [q] = quantities(text)
    assert (q.kind, q.lo, q.hi) == ("decade", first, first + 9)
    assert same_value(q, quantities(f"in the {first}s")[0])


@pytest.mark.parametrize("zh, en, value", [("重20千克", "weighs 20 kg", 20), ("全长12千米", "12 km long", 12),
                                           ("二十千克", "20 kilograms", 20)])
def test_kilo_in_a_chinese_unit_is_no_thousand(zh, en, value):
    # 20千克 was 20,000 of 克 (grams); 千 there is the unit's prefix, as in kg
    [q] = quantities(zh)
    assert q.lo == q.hi == value
    assert any(same_value(q, other) for other in quantities(en))
    assert quantities("5千元")[0].lo == 5000  # a thousand yuan stays a thousand


def test_every_number_pattern_has_its_reader():
    from factcheck.match.quantities import _PATTERNS, _READERS

    assert {name for name, _ in _PATTERNS} == set(_READERS)


@pytest.mark.parametrize("zh, en, other", [("装机容量3千瓦", "3 kW", "3 MW"), ("年发电量50万千瓦时", "500,000 kWh", "500,000 kW"),
                                           ("装机100兆瓦", "100 MW", "100 kW"), ("5吉瓦", "5 GW", "5 km")])
def test_chinese_power_and_energy_units_are_the_english_symbols(zh, en, other):
    # 3千瓦 was a bare 3, which "3 kW" (a measure) could not match
    [q] = quantities(zh)
    assert any(same_value(q, x) for x in quantities(en))
    assert not any(same_value(q, x) for x in quantities(other))  # the same number in another unit


def test_a_bare_decade_of_either_century_is_not_read_as_one():
    assert all(q.kind != "decade" for q in quantities("20年代的音乐"))  # the 1920s or the 2020s


def test_a_span_of_years_written_short_ends_in_a_year():
    short = quantities("Full implementation is taking place during the 2018–19 academic year.")
    long = quantities("Full implementation will take place over the coming 2018-2019 academic year.")
    assert [q.date for q in short] == [(2018, 0, 0), (2019, 0, 0)] == [q.date for q in long]
    assert all(same_value(a, b) for a, b in zip(short, long))
    assert quantities("the 1999/00 season")[1].date == (2000, 0, 0)  # into the next century
    assert quantities("pages 12-19")[1].kind == "number"  # no year before the dash
    assert quantities("from 1990-12")[1].kind == "number"  # 22 years on: not a span written short
    assert [q.kind for q in quantities("on 2010-11-05")] == ["date"]  # a full date stays one


def test_a_number_inside_another_counts_nothing():
    from factcheck.match.contradict import same_count

    claim_text, page = "黄埔区最大累计雨量280毫米。", "全市平均雨量达98.6毫米，黄埔区最大累计雨量达286.2毫米。"
    (c,) = quantities(claim_text)
    six = next(q for q in quantities("市气象台当天发布6个预警") if q.lo == 6)
    assert not same_count(c, claim_text, six, page + "市气象台当天发布6个预警")  # "6" of 98.6毫米


def test_a_day_and_a_planet_are_not_a_date():
    assert all(q.kind != "date" for q in quantities("three Mars rovers, 3 Mars missions"))


@pytest.mark.parametrize("page, added", [
    ("Der Vorstand war nicht informiert und hat den Vertrag am Montag in Berlin unterschrieben. Die Aktie stieg.",
     "Der Vorstand war nicht informiert und hat den Vertrag am Montag in Berlin nicht unterschrieben."),
    ("The council did not consult the residents and approved the new harbour plan on Monday. Work starts soon.",
     "The council did not consult the residents and did not approve the new harbour plan on Monday."),
    # German closes a clause with its "nicht": read back from there
    ("Die Firma informierte ihre Kunden im März über den Fehler im Zahlungssystem. Die Aktie stieg.",
     "Die Firma informierte ihre Kunden im März über den Fehler im Zahlungssystem nicht."),
])
def test_a_negation_added_to_a_sentence_is_seen_where_it_stands(matcher, page, added):
    copy = page.split(". ")[0] + "."
    assert matcher.match(claim(copy), doc(page)).verdict == "supported"
    verdict = matcher.match(claim(added), doc(page))
    assert verdict.verdict == "contradicted", verdict


def test_a_german_sentence_with_its_day_changed_is_not_supported(matcher):
    page = ("Die Mitgliederversammlung des Verbandes fand am 18. November 2021 in Berlin statt. "
            "Dort wurde der Vorstand neu gewählt. Der Verband hat rund 4.000 Mitglieder.")
    right = matcher.match(claim("Die Mitgliederversammlung des Verbandes fand am 18. November 2021 in Berlin statt."),
                          doc(page))
    wrong = matcher.match(claim("Die Mitgliederversammlung des Verbandes fand am 25. November 2021 in Berlin statt."),
                          doc(page))
    assert right.verdict == "supported", right
    assert wrong.verdict != "supported", wrong


@pytest.mark.parametrize("text, direction", [
    ("Sales rose 3% last year.", 1), ("Sales fell by 3% last year.", -1), ("a drop of 5% in profits", -1),
    ("Exports were up 12 percent.", 1), ("revenue increased by $2 billion", 1), ("down about 7%", -1),
    ("同比增长12.4%", 1), ("同比下降了15.3%", -1), ("增速较8月回落1.2个百分点", -1), ("降幅为3%", -1),
    ("上证指数涨0.82%", 1), ("创业板指跌2.01%", -1),  # a market report's bare 涨 / 跌
    # a share's change stated after it, as English news does
    ("a 5% drop", -1), ("prices were 3% higher than a year earlier", 1), ("40% lower year-on-year", -1),
    ("1.2 percentage points faster than in August", 1), ("2.1 percentage points slower", -1),
    ("growth slowing by 0.7 percentage points", -1), ("exports accelerated 4%", 1),
    # a difference stated after another number
    ("about 300,000 fewer than last year", -1), ("12 more than in 2019", 1),
    # a level, an upper bound, a word after a number that is no share, or "up" before a time: no direction
    ("Inflation rose to 3%.", 0), ("up to 3% of users", 0), ("降至3%", 0), ("股价涨至20元", 0), ("3 more people came", 0),
    ("10 days later", 0), ("5% of voters", 0), ("Warm Up 11:00 Uhr", 0),
])
def test_a_change_is_read_with_its_direction(text, direction):
    changes = [q for q in quantities(text) if q.kind.startswith(("percent", "money", "number", "measure", "time"))]
    assert changes and {q.direction for q in changes} - {0} == ({direction} if direction else set()), changes


def test_a_change_backs_only_a_change_the_same_way():
    [fell] = quantities("fell 8%")
    [rose] = quantities("rose 8%")
    [plain] = quantities("8%")
    assert not same_value(fell, rose) and not same_value(rose, fell)
    assert same_value(fell, plain) and same_value(plain, rose)  # a change without a direction backs either
    [zh] = quantities("同比下降8%")
    assert same_value(zh, fell) and not same_value(zh, rose)  # across languages too


@pytest.mark.parametrize("page, wrong, right", [
    ("Apple reported its results on Thursday. Apple's revenue rose 8% in the quarter, to $90 billion. "
     "The company also announced new products.",
     "Apple's revenue fell 8% in the quarter.", "Apple's revenue rose 8% in the quarter."),
    ("惠山古镇非遗庙会于2月12日落幕。春节假期，庙会共接待游客约52万人次，同比增长15.3%。庙会期间还举办了多场演出。",
     "惠山古镇非遗庙会春节假期接待游客同比下降15.3%。", "惠山古镇非遗庙会春节假期接待游客同比增长15.3%。"),
])
def test_a_change_turned_the_other_way_is_not_supported(matcher, page, wrong, right):
    turned = matcher.match(claim(wrong), doc(page))
    same = matcher.match(claim(right), doc(page))
    assert turned.verdict != "supported" and turned.score < same.score, (turned, same)
    assert same.verdict == "supported", same


# -- verdicts ------------------------------------------------------------------
def test_supported_claim(matcher):
    v = matcher.match(claim("Musk and Altman co-founded OpenAI in 2015."), doc(OPENAI_PAGE))
    assert v.verdict == "supported", v
    assert any("co-founded" in e.text for e in v.evidence)
    assert not v.missing


def test_number_swap_is_contradicted(matcher):
    c = claim("Acme Corp's revenue for 2023 reached $97.4 billion.")
    v = matcher.match(c, doc(REVENUE_PAGE))
    # not "contradicted": a swapped amount was right 5 of 9 times it fired on the dev sets (README,
    # "Matching"), under the 80% that verdict needs; it lowers the score and is named
    assert v.verdict in ("partially_supported", "not_supported") and v.score < 0.5, v
    assert "$81.5 billion" in v.explanation
    right = matcher.match(c, doc(REVENUE_PAGE.replace("$81.5 billion", "$97.4 billion")))
    assert right.verdict in ("supported", "partially_supported")
    assert right.score > v.score


ARCHIVE_PAGE = """The Internet Archive is a nonprofit digital library founded by Brewster Kahle.
Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.
Bislang haben 66 Staaten einen neuen, rechtsverbindlichen Rahmen für autonome Waffensysteme gefordert.
The archive is based in San Francisco."""


@pytest.mark.parametrize("copied, changed", [
    ("Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.", "1996"),
    ("Bislang haben 66 Staaten einen neuen, rechtsverbindlichen Rahmen für autonome Waffensysteme gefordert.", "66"),
])
def test_a_sentence_copied_with_one_number_changed_is_not_supported(matcher, copied, changed):
    # bench/augment.py: on 150 real pages, 223 of 240 such near copies were `supported` before round 7
    wrong = copied.replace(changed, str(int(changed) + 7))
    assert matcher.match(claim(copied), doc(ARCHIVE_PAGE)).verdict == "supported"
    v = matcher.match(claim(wrong), doc(ARCHIVE_PAGE))
    assert v.verdict != "supported" and v.score < 0.5, v
    assert changed in v.explanation  # the value the page gives is named


def test_a_count_of_something_else_is_no_conflict():
    from factcheck.match.contradict import same_count

    def number(text: str):
        (q,) = [q for q in quantities(text) if q.kind == "number"]
        return q

    claim_text, page = "Bislang haben 73 Staaten gefordert.", "Bislang haben 66 Staaten gefordert."
    assert same_count(number(claim_text), claim_text, number(page), page)
    other = "Bislang haben 66 Delegierte gefordert."
    assert not same_count(number(claim_text), claim_text, number(other), other)


@pytest.mark.parametrize("claim_text, page, same", [
    ("王某被处以行政拘留10日。", "公安机关对其处以行政拘留5日的处罚。", True),  # the unit after the number: 日
    ("最大风力达15级。", "中心附近最大风力13级，阵风更大。", True),
    ("共有24支队伍参赛。", "共有24名队员参赛。", False),  # 支 (teams) and 名 (people) count different things
    ("共有20多支队伍参赛。", "共有24支队伍参赛。", False),  # 20多: more than 20, not 20
    ("事故造成十余人死亡。", "事故造成2人死亡。", True),  # a rough count given otherwise by an exact one outside it
])
def test_a_chinese_count_is_known_by_its_measure_word(claim_text, page, same):
    from factcheck.match.contradict import same_count

    (c,) = [q for q in quantities(claim_text) if q.kind == "number" or q.kind.startswith("count:")]
    (p,) = [q for q in quantities(page) if q.kind == "number" or q.kind.startswith("count:")]
    assert same_count(c, claim_text, p, page) is same


@pytest.mark.parametrize("text, value", [
    ("警方逮捕了三名嫌疑人。", 3), ("明年新建两座水厂。", 2), ("该项目工期为十年。", 10), ("三天后复职。", 3),
    # a lone numeral that makes a word or a place, an order, a weekday, a multiple or a span of the calendar
    ("这一点十分重要。", None), ("他去了五台山。", None), ("第三届大会", None), ("周三开会。", None),
    ("出货量是去年的两倍。", None), ("今年前两个月出口增长。", None), ("一周后复职。", None),
])
def test_a_count_written_with_one_chinese_numeral_is_read(text, value):
    # before, a lone numeral was never a number, so 新建两座水厂 against 新建三座水厂 was supported (0.61), and
    # 逮捕了3名 against 逮捕了三名 not supported (0.29)
    counted = [q.lo for q in quantities(text) if q.kind.startswith("count:")]
    assert counted == ([] if value is None else [value])


@pytest.mark.parametrize("text, page, backed", [
    ("江州市计划明年新建两座水厂。", "江州市水务局表示，明年将新建三座水厂，进一步保障供水安全。", False),
    ("警方逮捕了三名嫌疑人。", "警方当天逮捕了五名犯罪嫌疑人。", False),
    ("警方逮捕了3名嫌疑人。", "警方当天逮捕了三名犯罪嫌疑人。", True),
    ("江州市计划明年新建两座水厂。", "江州市水务局表示，明年将新建2座水厂，进一步保障供水安全。", True),
])
def test_a_chinese_count_in_one_numeral_is_checked_against_the_page(matcher, text, page, backed):
    v = matcher.match(claim(text), doc("新闻。\n" + page + "\n"))
    assert (v.verdict == "supported") is backed, v


def test_date_swap_scores_lower(matcher):
    wrong = matcher.match(claim("OpenAI was founded in December 2016 by Sam Altman and Elon Musk."),
                          doc(OPENAI_PAGE))
    right = matcher.match(claim("OpenAI was founded in December 2015 by Sam Altman and Elon Musk."),
                          doc(OPENAI_PAGE))
    assert wrong.verdict in ("contradicted", "partially_supported", "not_supported")
    assert "December 2016" in wrong.missing
    assert right.verdict == "supported"
    assert right.score > wrong.score


def test_negation_is_contradicted(matcher):
    v = matcher.match(claim("The drug Zentrax was approved by the Food and Drug Administration in 2021."),
                      doc(DRUG_PAGE))
    # before round 10 the scorer put this pair at 0.51 (supported, flagged): the dev sets never fire the
    # English negation cue, so its weight is learnt from negated copies (bench/augment.py, negated_claims)
    assert v.verdict == "contradicted" and v.score < 0.5, v
    assert "negated" in v.explanation


@pytest.mark.parametrize("claim_text,page", [
    ("Eisinga was married to Rinske Jans.", "Eisinga was never married to Rinske Jans. He lived in Franeker."),
    ("The museum was not opened to the public in 1889.",
     "The museum was opened to the public in 1889. It holds more than 3,000 maps."),
])
def test_a_copy_with_its_negation_turned_round_is_contradicted(matcher, claim_text, page):
    v = matcher.match(claim(claim_text), doc(page))
    assert v.verdict == "contradicted", v
    unturned = claim_text.replace(" not ", " ") if " not " in claim_text else None
    if unturned:
        assert matcher.match(claim(unturned), doc(page)).verdict == "supported"


@pytest.mark.parametrize("claim_text, page, verdict", [
    ("Arsenal had not won the league since 1998.",
     "It was Arsenal's first league title since 1998, and the club celebrated.", "supported"),
    ("The Democrats had not won the seat in 40 years.",
     "The Democrats won the seat for the first time in 40 years. Turnout was high.", "supported"),
    ("She had not been on stage for 13 years.", '"It\'s been 13 years since I was on a proper stage," she said.',
     "supported"),
    # without the span the negation stands against the sentence, and so does a claim whose "not" has no span
    ("The Democrats had not won the seat.", "The Democrats won the seat for the first time in 40 years.",
     "contradicted"),
    ("The river has flooded since 1953.", "The river has not flooded since 1953.", "contradicted"),
])
def test_a_first_since_says_it_had_not_happened_over_the_span(matcher, claim_text, page, verdict):
    # before, "had not won the league since 1998" against "its first league title since 1998" was contradicted
    # (0.03): the sentence says the claim's "not" without a negation of its own
    assert matcher.match(claim(claim_text), doc(page)).verdict == verdict


@pytest.mark.parametrize("claim_text, page, verdict", [
    ("The company has not yet released the phone in Europe.", "The company has yet to release the phone in Europe.",
     "supported"),
    ("The minister did not comment on the report.", "The minister declined to comment on the report.", "supported"),
    ("The company has released the phone in Europe.", "The company has yet to release the phone in Europe.",
     "contradicted"),
    ("Sales declined 5% in 2019.", "Sales declined 5% in 2019, the company said.", "supported"),  # a fall, not a "no"
])
def test_has_yet_to_and_declined_to_negate_what_follows(matcher, claim_text, page, verdict):
    # before, "has not yet released" against "has yet to release" was contradicted (0.05), and "has released"
    # against it supported
    assert matcher.match(claim(claim_text), doc(page)).verdict == verdict


@pytest.mark.parametrize("claim_text, page, verdict", [
    ("He was not only a singer but also an actor in Hollywood films.",
     "He was a singer and an actor in Hollywood films.", "supported"),
    ("The law was passed in 1998.", "It was not until 1998 that the law was passed.", "supported"),
    ("The shop opened at 9 am on Sunday.", "The shop did not open until 9 am on Sunday.", "supported"),
    ("The law was not passed in 1998.", "The law was passed in 1998 after years of debate.", "contradicted"),
    # a contrast set off by commas denies only its own words
    ("Trump, not Clinton, won the presidential election in 2016.",
     "Trump won the presidential election in 2016, defeating Hillary Clinton.", "supported"),
    ("The 2016 presidential election was won by Trump, not Clinton.",
     "Trump won the 2016 presidential election, defeating Hillary Clinton.", "supported"),
    # but a page's contrast denies the claim that gives the act to the one it sets off
    ("Altman left the board of OpenAI in 2018.", "Musk, not Altman, left the board of OpenAI in 2018.", "contradicted"),
    ("Trump, not Clinton, won the presidential election in 2016.",
     "Trump, not Clinton, won the presidential election in 2016.", "supported"),
    # idioms, and a negated negative verb
    ("Not long after the election, Smith resigned from the party.",
     "Shortly after the election, Smith resigned from the party.", "supported"),
    ("The award went to none other than Smith in 2016.", "The award went to Smith in 2016.", "supported"),
    ("The museum never fails to attract visitors in summer.", "The museum attracts many visitors every summer.",
     "supported"),
    ("The bridge is uncommon in design.", "The bridge is not uncommon in design.", "contradicted"),
])
def test_not_only_and_not_until_deny_nothing(matcher, claim_text, page, verdict):
    # before, each of the first three was contradicted (0.02-0.03): "not only ... but also", the way an
    # assistant's answer often puts two facts, was read as denying the first
    assert matcher.match(claim(claim_text), doc(page)).verdict == verdict


@pytest.mark.parametrize("claim_text, page, verdict", [
    ("More than 20 people died in the fire in 2019.", "Fewer than 20 people died in the fire in 2019.", "not_supported"),
    ("20 people died in the fire in 2019.", "Fewer than 20 people died in the fire in 2019.", "not_supported"),
    ("Fewer than 20 people died in the fire in 2019.", "Fewer than 20 people died in the fire in 2019.", "supported"),
    ("Fewer than 20 people died in the fire in 2019.", "Eighteen people died in the fire in 2019.", "supported"),
    ("The stadium holds 20,000 fans.", "The stadium holds up to 20,000 fans.", "supported"),  # up to: it may reach it
    ("该市去年接待游客不超过500万人次。", "该市去年接待游客500万人次。", "supported"),  # 不超过 is no lower bound
    ("该市去年接待游客不到500万人次。", "该市去年接待游客超过600万人次。", "not_supported"),
])
def test_a_bound_the_value_stays_below_is_not_the_value_nor_a_bound_above_it(matcher, claim_text, page, verdict):
    # before, "more than 20" against "fewer than 20" was supported (0.98): only lower bounds were read
    v = matcher.match(claim(claim_text), doc(page))
    assert v.verdict == verdict, v
    if verdict == "not_supported" and "fire" in claim_text:
        assert "'under 20'" in v.explanation, v


@pytest.mark.parametrize("claim_text, page, verdict", [
    ("More than 1,000 people were injured in the blast.", "Nearly 1,000 people were injured in the blast.",
     "not_supported"),
    ("事故造成超过1000人受伤。", "据通报，事故造成近1000人受伤。", "not_supported"),
    # across languages: 1000人 counts with its measure word, "1,000 people" bare (supported 0.88 before)
    ("事故造成超过1000人受伤。", "Nearly 1,000 people were injured in the blast.", "not_supported"),
    ("Nearly 1,000 people were injured in the blast.", "Nearly 1,000 people were injured in the blast.", "supported"),
    ("About 1,000 people were injured in the blast.", "Nearly 1,000 people were injured in the blast.", "supported"),
    ("More than 900 people were injured in the blast.", "Nearly 1,000 people were injured in the blast.", "supported"),
])
def test_a_lower_bound_is_not_backed_by_a_value_approached_from_below(matcher, claim_text, page, verdict):
    # before, each of the first two was supported (0.93-0.97); and 1000人 was read as the year 1000, so that
    # 超过1000人 was no bound at all
    assert matcher.match(claim(claim_text), doc(page)).verdict == verdict


@pytest.mark.parametrize("text, kind", [
    ("1000 people were injured", "number"), ("a crowd of 1500 people", "number"), ("超过1500人", "count:人"),
    ("销量达2000辆", "count:辆"), ("In 2019 people left the city", "year"), ("In 1999 he left", "year"),
])
def test_a_four_digit_number_that_counts_things_is_no_year(text, kind):
    assert [q.kind for q in quantities(text)] == [kind]


_INVESTED = "Microsoft invested $1 billion in OpenAI in 2019 and another $10 billion in 2023."


@pytest.mark.parametrize("claim_text, page, given", [
    ("Microsoft invested $10 billion in OpenAI in 2019.", _INVESTED, "'2023'"),
    ("Microsoft invested $1 billion in OpenAI in 2023.", _INVESTED, "'2019'"),
    ("GDP grew 5% in 2022.", "GDP grew 3% in 2022 and 5% in 2023.", "'2023'"),
    ("Revenue was $50 billion in 2022.", "Revenue was $50 billion in 2023, compared with $30 billion in 2022.",
     "'2023'"),
    ("微软2019年向OpenAI投资了100亿美元。", "微软2019年向OpenAI投资10亿美元，2023年又追加投资100亿美元。", "'2023年'"),
    ("微软2019年向OpenAI投资了100亿美元。", _INVESTED, "'2023'"),
    # each figure with its own year, and figures listed apart from their years ("respectively") are not read
    ("Microsoft invested $10 billion in OpenAI in 2023.", _INVESTED, ""),
    ("In 2019, Microsoft invested $1 billion in OpenAI.", _INVESTED, ""),
    ("Revenue was $30 billion in 2022.", "In 2023 revenue was $50 billion, against $30 billion in 2022.", ""),
    ("GDP grew 5% in 2022.", "GDP grew 3% and 5% in 2022 and 2023 respectively.", ""),
])
def test_a_figure_the_sentence_gives_another_year_is_said_otherwise(matcher, claim_text, page, given):
    # the sentence states the claim's figure and its year, each beside another: supported 0.95-0.98 before
    v = matcher.match(claim(claim_text), doc(page + "\n"))
    if given:
        assert v.verdict != "supported" and f"the source gives {given} beside the claim's figure" in v.explanation, v
    else:
        assert v.verdict == "supported" and "beside the claim's figure" not in v.explanation, v


@pytest.mark.parametrize("claim_text, page, dated", [
    ("The museum opened a new wing in 2019.", "The museum closed in 2019 for work on a new wing, which opened in 2021.",
     "'opened in 2021'"),
    # the claim's year after the act too, a full date, an aside's year, and the act's own year
    ("He won the award in 2019.", "He won the award in 2018 and again in 2019.", ""),
    ("Musk was born in Pretoria in 1971.", "Musk was born on 28 June 1971 in Pretoria.", ""),
    ("The album was released in 2019.", "The album, recorded in 2018, was released in 2019.", ""),
    ("Musk founded xAI in 2023.", "Musk, who left OpenAI's board in 2018, founded xAI in 2023.", ""),
    # the act's object between it and its date: the claim's, or a pronoun (each supported 0.94-0.97, unflagged,
    # before)
    ("Smith bought the house in 2019.", "Smith, who bought the house in 2015, sold it in 2019.",
     "'bought the house in 2015'"),
    ("Smith bought the house in 2019.", "Smith sold the house in 2019; he had bought it in 2015.",
     "'bought it in 2015'"),
    ("OpenAI released ChatGPT in 2023.", "OpenAI released ChatGPT in November 2022 and GPT-4 in March 2023.",
     "'released ChatGPT in November 2022'"),
    ("Musk sued OpenAI in 2025.", "Musk sued OpenAI in 2024, and OpenAI countersued in 2025.", "'sued OpenAI in 2024'"),
    # not another object's date, nor an act the sentence dates to the claim's year too, or says happened again
    ("OpenAI released GPT-4 in 2023.", "OpenAI released ChatGPT in November 2022 and GPT-4 in March 2023.", ""),
    ("Smith won the title in 2020.", "Smith won the title in 2018, lost it in 2019 and won it in 2020.", ""),
    ("Smith won the title in 2020.", "Smith won the title in 2018 and won it again in 2020.", ""),
])
def test_a_sentence_that_dates_the_claims_act_to_another_year_says_otherwise(matcher, claim_text, page, dated):
    # the sentence states the claim's year, for another act: supported 0.97, unflagged, before
    v = matcher.match(claim(claim_text), doc(page + "\n"))
    if dated:
        assert v.needs_review and f"the source says {dated} where the claim says" in v.explanation, v
    else:
        assert v.verdict == "supported" and "where the claim says 'in" not in v.explanation, v


@pytest.mark.parametrize("claim_text, page, said", [
    ("Unemployment rose 5%.", "Unemployment rose to 5% in March.", "'5%' as a change, where the source gives it as "
     "the level reached"),
    ("Unemployment rose to 5%.", "Unemployment rose 5% in March.", "'5%' as the level reached, where the source "
     "gives it as a change"),
    ("OpenAI's revenue rose by $4 billion.", "OpenAI's revenue rose to $4 billion in 2024.",
     "'$4 billion' as a change"),
    ("失业率上升了5%。", "Unemployment rose to 5% in March.", "'5%' as a change"),
    ("失业率上升至5%。", "Unemployment rose 5% in March.", "'5%' as the level reached"),
    # said the claim's way too, or plainly, or another value's way
    ("Inflation rose to 3% in May.", "Inflation rose to 3% in May, and core inflation rose 3% over the year.", ""),
    ("Inflation rose to 3%.", "Inflation was 3% in May, up from 2% in April.", ""),
    ("Unemployment rose to 5%.", "Unemployment rose 0.2 points to 5% in March.", ""),
    ("Shares rose 5%.", "Shares rose 5% to $100 on Monday.", ""),
    ("营收增长20%至40亿美元。", "Revenue rose 20% to $4 billion.", ""),
])
def test_a_change_the_page_gives_as_the_level_reached_is_said_otherwise(matcher, claim_text, page, said):
    # each of the first five was supported (0.88-0.97), unflagged: the value is the same, "by" and "to" are not
    v = matcher.match(claim(claim_text), doc(page + "\n"))
    if said:
        assert said in v.explanation and (v.verdict != "supported" or v.needs_review), v
    else:
        assert v.verdict == "supported" and "the level reached" not in v.explanation, v


XAI_AFTER = "Musk founded xAI in 2023, five years after he left OpenAI's board."


@pytest.mark.parametrize("claim_text, page, turned", [
    ("Musk founded xAI before he left OpenAI's board.", XAI_AFTER, "'before'"),
    ("Musk founded xAI before leaving OpenAI's board.", "Musk left OpenAI's board in 2018, long before he founded "
     "xAI.", "'before'"),  # the acts swapped about the same "before"
    ("He retired before the 2019 season.", "After the 2019 season, he retired from professional football.", "'before'"),
    ("马斯克在离开OpenAI之前创立了xAI。", XAI_AFTER, "'before'"),
    ("马斯克创立xAI后离开了OpenAI董事会。", XAI_AFTER, "'after'"),
    # the claim's order, in the sentence's words or its own; another act's "after"; 最后 (finally) orders nothing
    ("Musk founded xAI after he left OpenAI's board.", XAI_AFTER, ""),
    ("Musk left OpenAI's board before he founded xAI.", XAI_AFTER, ""),
    ("She studied law before entering politics.", "Before entering politics, she studied law at Harvard.", ""),
    ("Altman returned as CEO after the board fired him.", "The board fired Altman in November 2023; he returned as "
     "CEO days later, after staff threatened to quit.", ""),
    ("马斯克离开OpenAI后创立了xAI。", XAI_AFTER, ""),
    ("最后，奥特曼重返OpenAI。", "Altman returned to OpenAI days after he was fired.", ""),
])
def test_a_sentence_that_orders_the_claims_two_acts_the_other_way_says_otherwise(matcher, claim_text, page, turned):
    # each of the first five was supported (0.90-0.96), unflagged: "before" and "after" are function words
    v = matcher.match(claim(claim_text), doc(page + "\n"))
    if turned:
        assert v.verdict != "supported" and f"the other way round from its {turned}" in v.explanation, v
    else:
        assert v.verdict == "supported" and "the other way round" not in v.explanation, v


@pytest.mark.parametrize("claim_text, page, verdict", [
    ("The drug is no longer sold in Europe.", "The drug is still sold in Europe, its maker said.", "contradicted"),
    ("The drug is no longer sold in Europe.", "The drug is no longer sold in Europe, its maker said.", "supported"),
])
def test_the_longer_of_no_longer_is_the_negations_word_not_the_claims(matcher, claim_text, page, verdict):
    # before, "longer" was a part of the claim the page lacked, so the sentence was no near copy and its
    # negation went unread: supported (0.94) against "still sold"
    assert matcher.match(claim(claim_text), doc(page)).verdict == verdict


@pytest.mark.parametrize("claimed, written, backed", [
    ("Altman became CEO of OpenAI in 2019.", "Altman became chief executive of OpenAI in 2019.", True),
    ("Altman became CEO of OpenAI in 2019.", "Altman became chief financial officer of OpenAI in 2019.", False),
    ("OpenAI was founded as a non-profit lab in 2015.", "OpenAI was founded as a nonprofit lab in 2015.", True),
    ("Signed in 2016, he was re-signed to the squad in 2018.", "Signed in 2016, he resigned from the squad in 2018.",
     None),  # "re-signed" is not "resigned"
])
def test_an_officers_title_written_short_and_a_word_written_with_a_hyphen(matcher, claimed, written, backed):
    # before, "CEO of OpenAI" against "chief executive of OpenAI" was partially supported (0.36), and
    # "OpenAI was founded as a non-profit lab" against "... a nonprofit lab" contradicted (0.02): "non" was read
    # as the French and Italian negation, and "non-profit" was not found in "nonprofit"
    v = matcher.match(claim(claimed), doc(f"News.\n{written}\nIt was reported widely.\n"))
    if backed is None:
        assert "re-signed" in v.missing, v
    else:
        assert (v.verdict == "supported") is backed, v


@pytest.mark.parametrize("text, page, said", [
    # the claim's word is one the sentence lacks, so a short claim was no near copy and its antonym went unread:
    # supported (0.94)
    ("Musk owns a majority stake in xAI.", "Musk owns a minority stake in xAI.", ("majority", "minority")),
    # hyphened antonyms, and a trial's outcome (each supported 0.80-0.97 before)
    ("Meta released Llama as an open-source model.", "Meta released Llama as a closed-source model.",
     ("open-source", "closed-source")),
    ("The jury acquitted Smith in 2019.", "The jury convicted Smith in 2019.", ("acquitted", "convicted")),
    # how a court answered (supported 0.96 before; "denied" is a negation, but the sentence was no near copy)
    ("The judge granted Musk's request for a preliminary injunction.",
     "The judge denied Musk's request for a preliminary injunction.", ("granted", "denied")),
    ("The appeals court upheld the ruling.", "The appeals court overturned the ruling.", ("upheld", "overturned")),
    # how long it held (supported 0.96 before)
    ("OpenAI's board permanently fired Altman in November 2023.", "OpenAI's board briefly fired Altman in November "
     "2023; he returned within days.", ("permanently", "briefly")),
    # the sentence states four of the claim's five words, the antonym counted ("company" is missing): 0.79 before
    ("OpenAI was founded in 2015 as a for-profit company.", "OpenAI was founded in 2015 as a nonprofit research lab.",
     ("for-profit", "nonprofit")),
    ("xAI开源了Grok模型。", "xAI闭源了Grok模型。", ("开源", "闭源")),
    # a change against another base (each supported 0.96-0.97 before)
    ("10月份社会消费品零售总额同比增长5%。", "10月份，社会消费品零售总额环比增长5%。", ("同比", "环比")),
    ("Retail sales rose 5% year-on-year in October.", "Retail sales rose 5% month-on-month in October.",
     ("year-on-year", "month-on-month")),
    # without the hyphens: "year" was a stop word, so the claim said nothing the page did not (0.97 before)
    ("Retail sales rose 5% year on year in October.", "Retail sales rose 5% month on month in October.",
     ("year on year", "month on month")),
])
def test_a_short_claim_whose_antonym_the_page_says_is_said_otherwise(matcher, text, page, said):
    v = matcher.match(claim(text), doc(page + "\n"))
    assert v.verdict != "supported", v
    assert f"the claim says {said[0]!r} where the source says {said[1]!r}" in v.explanation, v


@pytest.mark.parametrize("text, page, said", [
    ("OpenAI董事会接受了马斯克974亿美元的收购要约。", "OpenAI's board rejected Musk's $97.4 billion offer to buy the company.",
     ("接受", "rejected")),
    ("OpenAI董事会拒绝了马斯克974亿美元的收购要约。", "OpenAI's board rejected Musk's $97.4 billion offer to buy the company.",
     None),
    # the antonym in a sentence that states too little else of the claim is none, nor is a name ("Los" for lose)
    ("OpenAI董事会接受了马斯克974亿美元的收购要约。", "Many offers were rejected that year.", None),
    ("皇家盐湖城队在决赛中夺得了美职联杯冠军。", "Real Salt Lake won the MLS Cup final against the Los Angeles Galaxy.", None),
    # nor where the sentence says the word too, in another form ("rose" for 上涨)
    ("特斯拉股价周一上涨5%。", "Tesla shares rose 5% on Monday after falling for three days.", None),
    # a Latin name of the claim counts among the words the sentence states (supported 0.83 before); an antonym
    # negated says the claim ("did not accept" for 拒绝, flagged as turned round before)
    ("马斯克拥有xAI的多数股权。", "Musk owns a minority stake in xAI.", ("多数", "minority")),
    ("OpenAI拒绝了马斯克的收购要约。", "OpenAI's board did not accept Musk's offer.", None),
    ("法官批准了马斯克的初步禁令请求。", "The judge denied Musk's request for a preliminary injunction.", ("批准", "denied")),
    ("法官驳回了马斯克的初步禁令请求。", "The judge granted Musk's request for a preliminary injunction.", ("驳回", "granted")),
    ("法官驳回了马斯克的初步禁令请求。", "The judge denied Musk's request for a preliminary injunction.", None),
    ("2023年11月OpenAI董事会永久解雇了奥尔特曼。", "OpenAI's board briefly fired Altman in November 2023.",
     ("永久", "briefly")),
    ("2023年11月OpenAI董事会曾短暂解雇奥尔特曼。", "OpenAI's board briefly fired Altman in November 2023.", None),
    # nor an antonym of another sense: 击败 (to defeat) is to win, and "victory" backs it (WiCE dev01868)
    ("皇家盐湖城队在点球大战中击败了洛杉矶银河队。", "Real Salt Lake earned an upset victory over the Los Angeles Galaxy on penalties.",
     None),
])
def test_a_chinese_claim_whose_word_an_english_sentence_turns_round_is_said_otherwise(matcher, text, page, said):
    # negations and antonyms are read in one language; a Chinese word's glosses bring its antonyms across (the
    # first was supported 0.92, unflagged, before)
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if said:
        assert v.verdict != "supported", v
        assert f"the claim says {said[0]!r} where the source says {said[1]!r}" in v.explanation, v
    else:
        assert "where the source says" not in v.explanation, v


@pytest.mark.parametrize("claim_text, page, said", [
    ("Tesla is the largest carmaker in the world by market value.",
     "Tesla is one of the largest carmakers in the world by market value.", "'the largest' where the source says "
     "'one of the largest'"),
    ("She was the first woman to lead the agency.", "She was the second woman to lead the agency.",
     "'the first woman' where the source says 'the second woman'"),
    ("All members of the board voted for the merger.", "Most members of the board voted for the merger.",
     "'All members' where the source says 'Most members'"),
    ("The law will take effect in January 2025.", "The law could take effect in January 2025, officials said.",
     "'will take' where the source says 'could take'"),
    ("The company always paid its suppliers on time.", "The company often paid its suppliers on time.",
     "'always paid' where the source says 'often paid'"),
    # the same in Chinese (each was supported 0.85-0.96), and across languages the superlative (0.65-0.95)
    ("云川市是全国最大的茶叶生产基地。", "据云川日报报道，云川市是全国最大的茶叶生产基地之一，年产茶叶逾3万吨。",
     "'最大的' where the source says '最大的茶叶生产基地之一'"),
    ("所有参赛队伍都完成了比赛。", "据组委会介绍，大部分参赛队伍都完成了比赛。", "'所有' where the source says '大部分'"),
    ("新规将于2025年1月1日起实施。", "据介绍，新规可能于2025年1月1日起实施。", "'将于' where the source says '可能'"),
    ("这是该乐队首次在北京举办演唱会。", "这是该乐队第二次在北京举办演唱会。", "'首次' where the source says '第二次'"),
    ("Tesla is the largest carmaker in the world.", "特斯拉是全球最大的汽车制造商之一。",
     "'the largest' where the source says '最大的汽车制造商之一'"),
    ("云川市是全国最大的茶叶生产基地。", "Yunchuan is one of the largest tea-producing bases in the country.",
     "'最大的' where the source says 'one of the largest'"),
])
def test_a_claim_that_says_outright_what_the_source_hedges_goes_to_a_person(matcher, claim_text, page, said):
    # an AI-written article's overclaim reads as a copy word for word: each was supported (0.95-0.98), unflagged;
    # the scorer weighs the cue (learnt from hedged sentences said outright: it fires on no dev pair)
    v = matcher.match(claim(claim_text), doc(page + "\n"))
    assert v.verdict != "supported", v
    assert f"the claim says {said}" in v.explanation, v
    assert matcher.analyse(claim(claim_text), doc(page)).features["overstated"] == 1.0
    # and not where the source says it outright too, or hedges something else
    plain = matcher.match(claim(claim_text), doc(claim_text + " One of the first reports said so; many did.\n"))
    assert plain.verdict == "supported" and "where the source says" not in plain.explanation, plain


@pytest.mark.parametrize("claim_text, page, flagged", [
    ("Smith is the chief executive of Acme.", "Smith, the former chief executive of Acme, spoke on Monday.", True),
    ("Smith is the CEO of Acme.", "Former Acme CEO Smith spoke on Monday.", True),
    ("The company cut 500 jobs last year.", "The company plans to cut 500 jobs next year.", True),
    # not where the claim says it was, or the sentence also says it outright, or "former" is another's title
    ("Smith was the CEO of Acme.", "Former Acme CEO Smith spoke on Monday.", False),
    ("Smith is the chief executive of Acme.", "Smith, a former Google executive, is now chief executive of Acme.",
     False),
    ("The company cut 300 jobs last year.", "The company plans to cut 500 more jobs after it cut 300 jobs last year.",
     False),
    ("Obama met Smith in 2015.", "Former president Obama met Smith in 2015.", False),
    # a plan the source says was given up, planned or said done (supported 0.97 and 0.80 before)
    ("OpenAI plans to become a for-profit company.", "OpenAI abandoned its plan to become a for-profit company.", True),
    ("Ford will build a new plant in Kentucky.", "Ford scrapped plans for a new plant in Kentucky.", True),
    ("OpenAI计划转型为营利性公司。", "OpenAI abandoned its plan to become a for-profit company.", True),
    # not a plan of the past, one given up in the claim too, another place's, one only tried, or one revived
    ("OpenAI planned to become a for-profit company.", "OpenAI abandoned its plan to become a for-profit company.",
     False),
    ("OpenAI曾计划转型为营利性公司。", "OpenAI abandoned its plan to become a for-profit company.", False),
    ("OpenAI dropped its plan to become a for-profit company.", "OpenAI abandoned its plan to become a for-profit "
     "company.", False),
    ("Ford built a new plant in Kentucky.", "Ford scrapped plans for a new plant in Ohio and built one in Kentucky.",
     False),
    ("Musk bought Twitter for $44 billion.", "Musk, who had tried to abandon his bid to buy Twitter, closed the deal "
     "for $44 billion.", False),
    ("The city will build a new stadium.", "The city dropped plans to build a new stadium in 2019 but revived them "
     "in 2023.", False),
    # a Chinese claim that it was done, against an English page on which it was threatened
    ("马斯克起诉了OpenAI和奥尔特曼。", "Musk threatened to sue OpenAI and Altman over the company's shift to profit.", True),
    ("马斯克威胁起诉OpenAI和奥尔特曼。", "Musk threatened to sue OpenAI and Altman over the company's shift to profit.",
     False),
    # a thing the source says may be so, said to be so (each supported 0.97-0.98 before)
    ("Coffee reduces the risk of type 2 diabetes.", "Drinking coffee may reduce the risk of type 2 diabetes.", True),
    ("Musk was born in 1971 in Pretoria.", "Musk may have been born in 1971 in Pretoria.", True),
    ("The merger cut 2,000 jobs.", "The merger could cut 2,000 jobs, analysts said.", True),
    # not where the claim hedges too, nor for another verb, nor for the month
    ("Coffee may reduce the risk of type 2 diabetes.", "Drinking coffee may reduce the risk of type 2 diabetes.",
     False),
    ("The report was published in May 2019.", "The report was published in May 2019 and may be revised.", False),
    # nor the "may" of what a law lets one do
    ("The new law allows police to search phones without a warrant.",
     "Under the new law, police may search phones without a warrant.", False),
])
def test_a_claim_that_a_planned_thing_happened_or_a_past_role_holds_is_an_overclaim(matcher, claim_text, page, flagged):
    # before, the first three were supported (0.94-0.96)
    v = matcher.match(claim(claim_text), doc(page + "\n"))
    assert (v.verdict != "supported" and "where the source says" in v.explanation) is flagged, v


SUIT = ("Elon Musk's artificial intelligence company xAI has sued OpenAI, accusing it of stealing trade secrets. "
        "The lawsuit, filed in September 2025, says OpenAI hired away former xAI engineers.")
CHARITY = "Prosecutors allege that Smith embezzled $2 million from the charity between 2015 and 2018."


@pytest.mark.parametrize("claim_text, page, flagged", [
    ("OpenAI stole trade secrets from xAI.", SUIT, "'accusing'"),
    ("OpenAI hired away former xAI engineers.", SUIT, "'lawsuit, filed in September 2025, says'"),
    ("Smith embezzled $2 million from the charity.", CHARITY, "'allege'"),
    ("The singer reportedly paid $5 million for the house.", "The singer paid $5 million for the house.", ""),
    ("The singer paid $5 million for the house.", "The singer reportedly paid $5 million for the house.",
     "'reportedly'"),
    ("OpenAI窃取了xAI的商业机密。", SUIT, "'accusing'"),  # across languages
    ("OpenAI窃取了xAI的商业机密。", "xAI起诉OpenAI，指控其窃取商业机密。", "'指控'"),
    ("OpenAI挖走了多名前xAI工程师。", "诉状称，OpenAI挖走了多名前xAI工程师。", "'诉状称'"),
    # not where the claim reports the accusation, or the suit, or the sentence settles it
    ("xAI accused OpenAI of stealing trade secrets.", SUIT, ""),
    ("xAI sued OpenAI in 2025 over trade secrets.", SUIT, ""),
    ("September 2025: xAI countersued OpenAI for stealing trade secrets.", SUIT, ""),  # the feud article's
    ("xAI指控OpenAI窃取商业机密。", "xAI起诉OpenAI，指控其窃取商业机密。", ""),
    ("Smith embezzled $2 million from the charity.", "Smith, accused of embezzling $2 million from the charity, "
     "was convicted in 2019.", ""),
    ("The two bands toured together in 2007.", "The rumors are true: the two bands toured together in 2007.", ""),
    # nor where the allegation is about something else in the sentence, up to its comma
    ("xAI sued OpenAI.", SUIT, ""),
    ("Musk founded xAI in 2023.", "Musk, who has accused OpenAI of abandoning its mission, founded xAI in 2023.", ""),
    ("Smith resigned in May.", "Accused of fraud, Smith resigned in May.", ""),
    ("The senator voted against the bill.", "The senator, who reportedly plans to retire, voted against the bill.", ""),
])
def test_a_claim_that_states_as_fact_what_the_source_only_alleges_is_not_supported(matcher, claim_text, page,
                                                                                    flagged):
    # before, the first three were supported (0.86-0.95), unflagged: an accusation stated as fact, which the
    # article's reader takes for a finding
    v = matcher.match(claim(claim_text), doc(page + "\n"))
    if flagged:
        assert v.verdict != "supported", v
        assert f"the claim states as fact what the source reports as alleged ({flagged})" in v.explanation, v
    else:
        assert v.verdict == "supported" and "alleged" not in v.explanation, v


@pytest.mark.parametrize("page, verdict", [
    ("The study found no link between coffee and the risk of heart disease.", "contradicted"),
    ("The study found no clear association between coffee and the risk of heart disease.", "contradicted"),
    ("The study found a link between coffee and the risk of heart disease.", "supported"),
])
def test_a_claimed_effect_where_the_source_finds_no_link_is_contradicted(matcher, page, verdict):
    # the claim's word for the link ("increases") is one the sentence lacks, so it was no near copy and its
    # "no" went unread: supported 0.94
    v = matcher.match(claim("The study found that coffee increases the risk of heart disease."), doc(page + "\n"))
    assert v.verdict == verdict, v


@pytest.mark.parametrize("claim_text, page, found", [
    ("研究发现咖啡会增加心脏病风险。", "研究发现，咖啡与心脏病风险之间没有关联。", True),
    ("研究发现咖啡与心脏病风险存在关联。", "研究发现，咖啡与心脏病风险之间没有关联。", True),
    ("马斯克表示，xAI与OpenAI的诉讼有关。", "马斯克表示，此事与OpenAI的诉讼无关。", True),
    ("研究发现咖啡会增加心脏病风险。", "The study found no link between coffee and the risk of heart disease.", True),
    # no link to another thing, the claim's own "no link", or no link found at all
    ("吸烟会增加肺癌风险。", "研究证实吸烟会增加肺癌风险，但与心脏病风险之间没有关联。", False),
    ("研究发现咖啡与心脏病风险之间没有关联。", "研究发现，咖啡与心脏病风险之间没有关联。", False),
    ("研究发现咖啡会增加心脏病风险。", "研究发现，咖啡会增加心脏病风险。", False),
])
def test_a_chinese_claim_of_a_link_the_source_finds_none_for_is_not_supported(matcher, claim_text, page, found):
    # the Chinese "no link" (没有关联, 无关) went unread, and across languages the English one: 0.80-0.85 supported
    v = matcher.match(claim(claim_text), doc(page + "\n"))
    assert ("the source finds no link" in v.explanation) is found, v
    assert (v.verdict == "supported") is not found, v


@pytest.mark.parametrize("claim_text, verdict", [
    ("The fire damaged 20 homes in the town.", "supported"),  # was contradicted: the "no" is near "fire"
    ("The fire caused the explosion in the town.", "contradicted"),  # a claim of the link it denies
])
def test_no_link_between_two_things_denies_only_a_claimed_link(matcher, claim_text, verdict):
    page = ("There was no connection between the fire and the explosion in the town, police said, and the fire "
            "damaged 20 homes in the town.\n")
    assert matcher.match(claim(claim_text), doc(page)).verdict == verdict


@pytest.mark.parametrize("page, flagged", [
    ("There is limited evidence that screen time harms children's sleep.", True),
    ("The review found little evidence that screen time harms children's sleep.", True),
    ("There is strong evidence that screen time harms children's sleep.", False),
])
def test_a_claim_stated_as_fact_where_the_source_finds_little_evidence_for_it(matcher, page, flagged):
    # was supported 0.95-0.96: the finding an article about a study overstates
    v = matcher.match(claim("Screen time harms children's sleep."), doc(page + "\n"))
    assert (v.verdict != "supported" and "what the source finds" in v.explanation) is flagged, v


HEATWAVE = ("Did the Eiffel Tower grow by 15 centimetres during the 2019 heatwave? A post shared thousands of times "
            "says the tower grew by 15 centimetres during the 2019 heatwave. {answer} Engineers say the iron tower "
            "expands by up to 15 centimetres in strong heat and shrinks back as it cools.")


@pytest.mark.parametrize("answer", ["That claim is false.", "It is total nonsense.", "This is simply not true.",
                                    "Sadly, it is a myth."])
def test_a_claim_the_page_states_and_then_calls_false_is_contradicted(matcher, answer):
    # the English twin of the Chinese answer rule: the sentence right after the one stating the claim answers it
    page = HEATWAVE.format(answer=answer)
    v = matcher.match(claim("The Eiffel Tower grew by 15 centimetres during the 2019 heatwave."), doc(page))
    assert v.verdict == "contradicted" and v.score < 0.5, v
    assert "calls it false" in v.explanation, v
    # the page's own correction, after the answer, is its evidence
    fact = matcher.match(claim("The Eiffel Tower expands by up to 15 centimetres in strong heat."), doc(page))
    assert fact.verdict == "supported", fact


@pytest.mark.parametrize("after", ["It is not false.", "It is wrong to paint it another colour.",
                                   "Visitors often repeat a false story about its paint.",
                                   "It is a myth that the tower was meant to stand for only 20 years.",  # what follows
                                   "It was wrong, a guide said, to hide the photos.",  # a judgment, not a refutation
                                   "It is fake, a guide said of the photo.",  # the photo, not the statement
                                   "This is not true in all cases, engineers say."])  # a qualification
def test_a_sentence_after_the_claim_that_does_not_call_it_false_leaves_it_supported(matcher, after):
    v = matcher.match(claim("The Eiffel Tower grew by 15 centimetres during the 2019 heatwave."),
                      doc(HEATWAVE.format(answer=after)))
    assert v.verdict == "supported", v


@pytest.mark.parametrize("text", ["A post shared thousands of times says the tower grew by 15 centimetres during the "
                                  "2019 heatwave.", "网传埃菲尔铁塔在2019年热浪期间长高了15厘米。"])
def test_a_claim_that_reports_what_the_page_calls_false_is_not_contradicted(matcher, text):
    # true of the post, whatever the page thinks of what the post says
    v = matcher.match(claim(text), doc(HEATWAVE.format(answer="That claim is false.")))
    assert v.verdict != "contradicted", v


def test_a_chinese_claim_that_an_english_page_states_and_then_calls_false_is_contradicted(matcher):
    v = matcher.match(claim("埃菲尔铁塔在2019年热浪期间长高了15厘米。"), doc(HEATWAVE.format(answer="That claim is false.")))
    assert v.verdict == "contradicted", v


def test_partial_support_lists_missing_parts(matcher):
    c = claim("Acme Corp employs about 40,000 people and opened a research centre in Nairobi in 2019.")
    v = matcher.match(c, doc(REVENUE_PAGE))
    assert v.verdict in ("partially_supported", "not_supported") and v.score < 0.5, v  # near the partial cut
    assert "Nairobi" in v.missing
    assert "40,000" not in v.missing
    assert any("40,000" in e.text for e in v.evidence)


def test_unrelated_page_is_not_supported(matcher):
    v = matcher.match(claim("Musk and Altman co-founded OpenAI in 2015."), doc(UNRELATED_PAGE))
    assert v.verdict == "not_supported", v
    assert v.score < 0.2


def test_chinese_claim_against_english_page(matcher):
    c = claim("2015年马斯克与奥尔特曼共同创立了OpenAI")
    good = matcher.match(c, doc(OPENAI_PAGE))
    assert good.verdict in ("supported", "partially_supported"), good
    assert any("2015" in e.text for e in good.evidence)
    bad = matcher.match(c, doc(UNRELATED_PAGE))
    assert bad.verdict == "not_supported", bad
    assert good.score > bad.score


@pytest.mark.parametrize("text, on_english_page, on_chinese_page", [
    # a Chinese name given in Latin letters too: on an English page the Latin name is the part, on a Chinese
    # page both are (and "Sam", "Allen" are names, not Norwegian or German function words)
    ("萨姆·奥尔特曼（Sam Altman）表示", {"Sam Altman"}, {"Sam Altman", "萨姆", "奥尔特曼"}),
    ("他的孙子克莱夫·乌尔（Clive Uhr）后来成为医生", {"Clive Uhr", "孙子", "后来", "医生"},
     {"Clive Uhr", "孙子", "后来", "克莱夫", "乌尔", "医生"}),
    ("他应邀在艾伦公司（Allen & Co.）发表演讲", {"Allen", "Co", "应邀", "发表", "演讲"},
     {"Allen", "Co", "应邀", "艾伦", "公司", "发表", "演讲"}),
    # not an acronym's: "artificial general intelligence" is what the glosses of 通用人工智能 find, AGI is not
    ("他担任北美冰球联盟（NAHL）主席", {"NAHL", "担任", "北美", "冰球", "联盟", "主席"},
     {"NAHL", "担任", "北美", "冰球", "联盟", "主席"}),
    # a number in a Chinese title (《饥饿游戏3》 is "Mockingjay – Part 2") is no part against an English page
    ("他正在拍摄电影《饥饿游戏3：嘲笑鸟》", {"正在", "拍摄", "电影", "饥饿", "游戏", "嘲笑"},
     {"正在", "拍摄", "电影", "饥饿", "游戏", "3", "嘲笑"}),
])
def test_a_chinese_claims_names_given_in_latin_letters(text, on_english_page, on_chinese_page):
    assert {p.text for p in claim_parts(text, cross_lingual=True)} == on_english_page
    assert {p.text for p in claim_parts(text)} == on_chinese_page


def test_a_chinese_claim_naming_a_person_in_latin_letters_on_an_english_page(matcher):
    page = doc("Sir Clive Wentworth Uhr (1903-1974) was a radiologist and racing administrator.\n"
               "He was knighted in 1961.\nHis grandfather was Wentworth D'Arcy Uhr.\n")
    v = matcher.match(claim("克莱夫·乌尔（Clive Uhr）是一名放射科医生。"), page)
    assert "克莱夫" not in v.missing and "乌尔" not in v.missing and v.verdict == "supported", v


@pytest.mark.parametrize("zh, latin, same", [
    ("奥尔特曼", "Altman", True), ("布罗克曼", "Brockman", True), ("苏茨克维", "Sutskever", True),
    ("穆拉蒂", "Murati", True), ("纳德拉", "Nadella", True), ("霍罗德茨基", "Horodecki", True),
    ("厄普顿", "Upton", True), ("佩蒂弗", "Pettifer", True),
    # a v rendered as an f (佩蒂弗 Petiver, 弗拉基米尔 Vladimir) or as a w (维克托 Victor)
    ("佩蒂弗", "Petiver", True), ("弗拉基米尔", "Vladimir", True), ("维克托", "Victor", True),
    ("奥尔特曼", "Musk", False), ("布罗克曼", "Brown", False), ("穆拉蒂", "Moreno", False),
    ("萨姆", "Sam", False),  # two sounds are too few to tell names apart
])
def test_a_foreign_name_rendered_in_chinese_sounds_like_its_spelling(zh, latin, same):
    from factcheck.match.gloss import sounds_like

    assert sounds_like(zh, [latin.lower()]) is same


def test_names_a_foreign_name_is_sounded_against_are_names():
    from factcheck.match.gloss import written_names

    names = written_names("Thank you for reading. We thank Hal Duncan.\nMichael looked at Xi'an and Liang Wenfeng.")
    assert {"halduncan", "duncan", "michael", "xian", "liangwenfeng"} <= names, names
    # a sentence's first word the page also writes in lower case, and a name run on into the words after it
    assert not {"thank", "michaellooked", "duncanmichael"} & names, names


def test_a_chinese_claims_foreign_name_is_not_found_in_a_word_that_opens_a_sentence(matcher):
    # 邓肯 (Duncan) sounds like "thank"; before, any capitalised word counted as a name, and so did a name
    # run on into the words after it ("michaellooked"): on an unrelated WiCE page, 36 of 152 transliterated
    # names in the Chinese claims were found so, 46 before
    page = doc("Thank you for reading the novel.\nWe thank the readers for their letters.\n")
    v = matcher.match(claim("邓肯感谢读者的来信。"), page)
    assert "邓肯" in v.missing, v


def test_a_chinese_claim_naming_someone_the_dictionary_lacks(matcher):
    # 霍罗德茨基 is in no dictionary; the page writes Horodecki, and only its sounds can tell
    page = doc("The House with Chimeras was built by the architect Wladyslaw Horodecki in 1903.\n"
               "Legend says Horodecki built the gloomy house in memory of his drowned daughter.\n"
               "It stands on a steep slope above the square.\n")
    v = matcher.match(claim("霍罗德茨基为纪念女儿建造了这座房子。"), page)
    assert "霍罗" not in v.missing and "德茨" not in v.missing, v


FOUNDERS = ("Elon Musk and Sam Altman co-founded OpenAI in 2015.\nMusk left the board of OpenAI in 2018, citing a "
            "conflict of interest with Tesla.\nAltman became chief executive of OpenAI in 2019.\n"
            "The two later fell out over the company's direction.\nIn 2023 Musk founded xAI, a rival lab.\n")


@pytest.mark.parametrize("text, other", [
    ("奥尔特曼于2018年离开了OpenAI董事会。", "Musk"),  # Altman: the page says Musk did
    ("马斯克于2019年成为OpenAI首席执行官。", "Altman"),
    ("马斯克于2018年离开了OpenAI董事会。", None),
    ("奥尔特曼于2019年成为OpenAI首席执行官。", None),
    # a sentence that opens with its date before the name (was supported 0.84, unflagged)
    ("奥尔特曼于2023年创立了xAI。", "Musk"),
])
def test_a_chinese_claim_that_gives_one_persons_act_to_another_is_flagged(matcher, text, other):
    # the claim's words cannot be aligned with an English page's, so the swap is read from the parts: the
    # sentence that states the rest of the claim opens with another name the claim lacks (before: supported
    # 0.89 and 0.94, unflagged, for the feud article's likeliest slip)
    v = matcher.match(claim(text), doc(FOUNDERS))
    if other is None:
        assert v.verdict == "supported" and not v.needs_review, v
    else:
        assert v.needs_review and f"the evidence says this of {other!r}" in v.explanation, v


@pytest.mark.parametrize("text", [
    "佩蒂弗积累的藏品是他那个时代规模最大的自然史收藏。",  # the name that opens the sentence is the claim's
    "沙哈德谈到，国际象棋联赛是全球性的团体比赛。",  # what a speaker said, stated without the speaker
])
def test_a_chinese_claims_subject_stated_by_its_sounds_or_as_a_speaker_is_not_said_of_another(matcher, text):
    page = doc("Museum history.\nPetiver eventually amassed the largest natural history collection in the world.\n"
               "James Petiver was an apothecary in London.\nThe PRO Chess League is a worldwide team competition.\n"
               "Jennifer Shahade, the league's commissioner, said teams play every week.\n")
    v = matcher.match(claim(text), page)
    assert "says this of" not in v.explanation and "someone else" not in v.explanation, v


def test_context_resolves_a_leading_pronoun(matcher):
    page = doc("Jane Doe biography\nJane Doe joined Acme Corp as chief executive in 2018.\n"
               "Before that she ran a bakery.")
    with_context = matcher.match(claim("She joined Acme Corp as chief executive in 2018.",
                                       context="Jane Doe\nJane Doe is a British executive."), page)
    assert with_context.verdict == "supported", with_context
    assert any("Jane Doe joined" in e.text for e in with_context.evidence)


def test_multi_sentence_evidence(matcher):
    page = doc("The Blue Bridge opened to traffic in 1931.\nIt was designed by the engineer Anna Berg.\n"
               "Unrelated: the city also has a zoo.\nBerg studied in Oslo.")
    v = matcher.match(claim("The Blue Bridge, designed by engineer Anna Berg, opened in 1931."), page)
    assert len(v.evidence) >= 2
    assert v.verdict in ("supported", "partially_supported")
    assert not v.missing


LAWSUIT_PAGE = ("Elon Musk sued OpenAI and Sam Altman in February 2024, accusing them of abandoning the company's "
                "founding mission. The suit was filed in San Francisco.")


@pytest.mark.parametrize("attributed, url, title", [
    ("According to Reuters, Musk sued OpenAI in February 2024.", "https://www.reuters.com/technology/musk-sues", None),
    ("As reported by the BBC, Musk sued OpenAI in February 2024.", "https://www.bbc.co.uk/news/technology-1", None),
    ("The Guardian reported that Musk sued OpenAI in February 2024.", "https://www.theguardian.com/technology/x", None),
    ("Musk sued OpenAI in February 2024, The New York Times reported.", "https://www.nytimes.com/2024/03/01/x.html",
     None),
    ("According to Reuters, Musk sued OpenAI in February 2024.", "https://example.org/a", "Musk sues OpenAI | Reuters"),
])
def test_a_claim_attributed_to_the_pages_own_publisher_is_checked_as_stated(matcher, attributed, url, title):
    # the page seldom names its own outlet, so "Reuters" was a part no sentence stated: 0.18, partially supported
    from dataclasses import replace

    page = replace(document_exact(url, LAWSUIT_PAGE), title=title)
    plain = matcher.match(claim("Musk sued OpenAI in February 2024."), page)
    got = matcher.match(claim(attributed), page)
    assert (got.verdict, got.score, got.missing) == (plain.verdict, plain.score, ()) and got.verdict == "supported", got


@pytest.mark.parametrize("text, translation", [
    ("据路透社报道，马斯克于2024年2月起诉OpenAI。", None),
    ("《路透社》报道称，马斯克于2024年2月起诉OpenAI。", None),
    ("据路透社报道，马斯克于2024年2月起诉OpenAI。", "According to Reuters, Musk sued OpenAI in February 2024."),
])
def test_a_chinese_claim_attributed_to_the_pages_own_publisher(matcher, text, translation):
    page = document_exact("https://www.reuters.com/technology/musk-sues", LAWSUIT_PAGE)
    bare = "马斯克于2024年2月起诉OpenAI。"
    plain = matcher.match(claim(bare, "Musk sued OpenAI in February 2024." if translation else None), page)
    got = matcher.match(claim(text, translation), page)
    assert (got.verdict, got.score, got.missing) == (plain.verdict, plain.score, plain.missing), got


@pytest.mark.parametrize("attributed, url", [
    ("According to Reuters, Musk sued OpenAI in February 2024.", "https://example.org/a"),  # another outlet's page
    ("According to Politico, Musk sued OpenAI in February 2024.", "https://www.nytimes.com/2024/x.html"),
    ("According to police, Musk sued OpenAI in February 2024.", "https://www.reuters.com/x"),  # not an outlet
])
def test_an_attribution_to_anyone_else_stays_part_of_the_claim(matcher, attributed, url):
    from factcheck.match.retrieve import without_own_attribution

    page = document_exact(url, LAWSUIT_PAGE)
    assert without_own_attribution(claim(attributed), page).text == attributed
    name = attributed.split(",")[0].split()[-1]
    assert name in matcher.match(claim(attributed), page).missing


# -- batch ------------------------------------------------------------------------
def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_batch_offsets_slice_the_original_source(tmp_path):
    messy = "  Acme Corp results\r\n\r\n\tRevenue   for 2023 reached  $81.5 billion.\u00a0 Staff: 40,000.\n\n\n\nEnd."
    pairs = write_jsonl(tmp_path / "pairs.jsonl", [
        {"id": "a", "claim": "Acme Corp revenue for 2023 reached $81.5 billion.", "source_text": messy},
        {"id": 7, "claim": "2015年马斯克与奥尔特曼共同创立了OpenAI", "source_text": OPENAI_PAGE,
         "context": "OpenAI", "source_url": "https://example.org/openai"},
    ])
    done = run_batch(pairs, tmp_path / "out.jsonl")
    assert done == 2
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    sources = [messy, OPENAI_PAGE]
    for o, source in zip(out, sources):
        assert o["verdict"] in ("supported", "partially_supported", "not_supported", "contradicted", "unverifiable")
        assert 0.0 <= o["score"] <= 1.0
        assert o["evidence"]
        for e in o["evidence"]:
            assert source[e["start"]:e["end"]] == e["text"]
    assert any("$81.5 billion" in e["text"] for e in out[0]["evidence"])


@pytest.mark.parametrize("line, message", [
    ("{not json", "not valid JSON"),
    ('{"id": "x", "claim": "c"}', "source_text"),
    ('["a list"]', "JSON object"),
    ('{"id": "x", "claim": 3, "source_text": "s"}', "'claim' must be a string"),
    ('{"id": "x", "claim": "c", "source_text": "s \\ud800 t"}', "'source_text' holds \\ud800 at character 2"),
    ('{"id": "x", "claim": "c \\udfff", "source_text": "s"}', "'claim' holds \\udfff"),
])
def test_batch_bad_line_names_file_and_line(tmp_path, line, message):
    good = json.dumps({"id": "ok", "claim": "c", "source_text": "s"})
    path = tmp_path / "pairs.jsonl"
    path.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        run_batch(path, tmp_path / "out.jsonl")
    assert f"{path}:3" in info.value.message
    assert message in info.value.message
    assert not (tmp_path / "out.jsonl").exists()


def test_sentence_vectors_are_kept_in_the_store(matcher, monkeypatch):
    from factcheck.match import default, embed

    store = MemoryStore()
    first = default.DefaultMatcher(store=store)
    c = claim("Musk and Altman co-founded OpenAI in 2015.")
    v1 = first.match(c, doc(OPENAI_PAGE))
    assert store.puts == 1
    # a new process (fresh matcher) with the same store must not embed the source again
    second = default.DefaultMatcher(store=store)
    calls = []
    real = embed.Embedder.encode
    monkeypatch.setattr(embed.Embedder, "encode", lambda self, texts: calls.append(list(texts)) or real(self, texts))
    v2 = second.match(c, doc(OPENAI_PAGE))
    assert calls == [[c.text]]  # only the claim
    assert store.puts == 1
    assert v1.score == v2.score and v1.evidence == v2.evidence


def test_wice_dev_smoke(tmp_path):
    rows = [json.loads(line) for line in WICE.read_text("utf-8").splitlines()[:15]]
    pairs = write_jsonl(tmp_path / "pairs.jsonl", [
        {"id": r["id"], "claim": r["claim"], "source_text": r["source_text"], "context": r["claim_context"]}
        for r in rows
    ])
    assert run_batch(pairs, tmp_path / "out.jsonl") == len(rows)
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    for row, o in zip(rows, out):
        for e in o["evidence"]:
            assert row["source_text"][e["start"]:e["end"]] == e["text"]
    supported = [o["score"] for r, o in zip(rows, out) if r["label"] == "supported"]
    others = [o["score"] for r, o in zip(rows, out) if r["label"] != "supported"]
    assert supported and others
    assert sum(supported) / len(supported) > sum(others) / len(others)


def test_chinese_claim_numbers_against_english_page(matcher):
    c = claim("Acme公司2023年的收入达到974亿美元")
    right = matcher.match(c, doc(REVENUE_PAGE.replace("$81.5 billion", "$97.4 billion")))
    assert right.verdict == "supported", right
    assert not right.missing
    wrong = matcher.match(c, doc(REVENUE_PAGE))
    assert wrong.verdict in ("partially_supported", "not_supported") and wrong.score < 0.5, wrong  # not contradicted: see above
    assert "974亿美元" in wrong.missing


def test_chinese_claim_lists_its_unsupported_word(matcher):
    v = matcher.match(claim("2015年马斯克与奥尔特曼在巴黎共同创立了OpenAI"), doc(OPENAI_PAGE))
    assert "巴黎" in v.missing  # Paris: the page does not say where
    assert "马斯克" not in v.missing and "奥尔特曼" not in v.missing  # Musk, Altman: found by meaning


ZH_PAGE = ("OpenAI简介\nOpenAI是一家人工智能研究机构，总部位于旧金山。\n"
           "2015年12月，马斯克和奥尔特曼等人共同创立了OpenAI。\n该公司于2022年11月发布了聊天机器人ChatGPT。")


def test_chinese_claim_against_chinese_page(matcher):
    v = matcher.match(claim("2015年马斯克与奥尔特曼共同创立了OpenAI"), doc(ZH_PAGE))
    assert v.verdict == "supported", v
    assert any("共同创立" in e.text for e in v.evidence)
    partial = matcher.match(claim("2015年马斯克与奥尔特曼在巴黎共同创立了OpenAI"), doc(ZH_PAGE))
    assert partial.missing == ("巴黎",)


def test_english_claim_against_chinese_page(matcher):
    v = matcher.match(claim("Musk and Altman co-founded OpenAI in December 2015."), doc(ZH_PAGE))
    assert v.verdict in ("supported", "partially_supported"), v
    assert any("2015年12月" in e.text for e in v.evidence)


def test_claim_with_nothing_to_check(matcher):
    v = matcher.match(claim("It was the."), doc(OPENAI_PAGE))
    assert v.verdict == "not_supported"


def test_match_command_with_archive_cache(tmp_path):
    from click.testing import CliRunner

    from factcheck.archive import Archive
    from factcheck.match.cli_command import match_command
    from factcheck.match.embed import MODEL_ID

    pairs = write_jsonl(tmp_path / "pairs.jsonl", [
        {"id": "p1", "claim": "Musk and Altman co-founded OpenAI in 2015.", "source_text": OPENAI_PAGE}])
    out = tmp_path / "preds.jsonl"
    args = ["--input", str(pairs), "--output", str(out), "--cache", str(tmp_path / "cache"), "--quiet"]
    result = CliRunner().invoke(match_command, args)
    assert result.exit_code == 0, result.output
    [pred] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert pred["id"] == "p1" and pred["verdict"] == "supported"
    with Archive(tmp_path / "cache") as archive:
        assert archive.get_vectors(document_exact("", OPENAI_PAGE).sha256, MODEL_ID) is not None

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(match_command, ["--input", str(bad), "--output", str(out)])
    assert isinstance(result.exception, InputError)
    assert f"{bad}:1" in result.exception.message


def test_batch_in_two_processes_matches_one_and_feeds_the_store(tmp_path):
    records = [
        {"id": "a", "claim": "Musk and Altman co-founded OpenAI in 2015.", "source_text": OPENAI_PAGE},
        {"id": "b", "claim": "Acme Corp's revenue for 2023 reached $97.4 billion.", "source_text": REVENUE_PAGE},
        {"id": "c", "claim": "ChatGPT was released in November 2022.", "source_text": OPENAI_PAGE},
        {"id": "d", "claim": "Tomatoes need six hours of sun.", "source_text": UNRELATED_PAGE},
    ]
    pairs = write_jsonl(tmp_path / "pairs.jsonl", records)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(pairs, one)
    store = MemoryStore()
    assert run_batch(pairs, two, store=store, workers=2) == 4
    assert one.read_text("utf-8") == two.read_text("utf-8")
    assert len(store.rows) == 3  # one row per distinct source


# -- a whole article: the number or date must be stated about the same thing ----
ARTICLE = (
    "Elon Musk and Sam Altman co-founded OpenAI in December 2015 as a nonprofit artificial intelligence "
    "research lab.\nMusk was one of the lab's largest early backers and contributed tens of millions of dollars. "
    "He left OpenAI's board of directors in 2018, citing a potential conflict of interest with Tesla.\n"
    "In 2019 OpenAI created a capped-profit company so it could raise money from investors such as Microsoft, "
    "which later committed billions of dollars to the lab.\nIn February 2025, a group of investors led by Musk "
    "offered $97.4 billion to buy the nonprofit that controls OpenAI. The board rejected the offer."
)


NURSES = ("The vaccine campaign started in March. Thousands of nurses were trained to fight Covid-19 in rural "
          "clinics. The ministry thanked them.")


@pytest.mark.parametrize("changed", ["Covid-26", "Ebola"])
def test_a_copy_with_a_name_the_page_never_states_is_not_supported(matcher, changed):
    # round 11: a near copy whose name or identifier the page states nowhere (absent_cov, learnt from
    # copies with a name swapped); before, both passed at 0.71-0.72
    right = matcher.match(claim("Thousands of nurses were trained to fight Covid-19 in rural clinics."), doc(NURSES))
    wrong = matcher.match(claim(f"Thousands of nurses were trained to fight {changed} in rural clinics."), doc(NURSES))
    assert right.verdict == "supported", right
    assert wrong.verdict != "supported" and wrong.score < 0.5, wrong
    assert any(changed.endswith(m) for m in wrong.missing), wrong


@pytest.mark.parametrize("text, quoted", [
    ("Blackpink's second single album is called 'Square Two'.", ["Square Two"]),
    ("'Square Two' features the songs 'Playing with Fire' and 'Stay'.", ["Square Two", "Playing with Fire", "Stay"]),
    ("Georgia is known as the ‘Peach State’.", ["Peach State"]),
    # apostrophes open and close nothing: a possessive, a plural possessive, an elision, a decade
    ("In the '80s the players' union's hit 'Hot Rod' was rock 'n' roll.", ["Hot Rod"]),
    ("The band's singer didn't sing.", []),
])
def test_a_title_in_single_quotes_is_a_quote(text, quoted):
    assert [p.text for p in claim_parts(text) if p.kind == "quote"] == quoted


@pytest.mark.parametrize("text, found", [
    # a name beside a number that is taken first is still a name
    ("The 1932 Australian Grand Prix was a handicap race.", ["Australian Grand Prix"]),
    ("In 2019 Upton supported a bill.", ["Upton"]),
    ("He played at the FIBA AmeriCup 2017 in Argentina.", ["FIBA AmeriCup", "Argentina"]),
    # a name ending in -ing after "The" is no opening word ("Staring at it" is)
    ("The Tianxing satellite was launched.", ["Tianxing"]),
    ("Staring at it, Musk left.", ["Musk"]),
    # a Latin name stops at Chinese text, and may start right after it
    ("马斯克的xAI起诉OpenAI窃取商业机密", ["OpenAI"]),
    ("Krispy Kreme定于2004年在台北开设门店。", ["Krispy Kreme"]),
])
def test_names_are_read_whole_beside_numbers_and_chinese(text, found):
    parts = claim_parts(text)
    assert [p.text for p in parts if p.kind == "name"] == found, parts
    if "台北" in text:
        assert {"台北", "开设", "门店"} <= {p.text for p in parts if p.kind == "zh"}, parts


@pytest.mark.parametrize("sentence, lead", [
    ("In 2023 Musk founded xAI, a rival lab.", "Musk"),
    ("On 5 May 2019, Smith won the race.", "Smith"),
    ("In early 2020 Altman returned.", "Altman"),
    ("In February 2025 a group of investors made an offer.", ""),  # no name after the date
    ("In Paris Smith won the race.", ""),  # a place, not a date, opens it
])
def test_a_sentence_opening_with_its_date_opens_with_the_name_after_it(sentence, lead):
    assert opening_name(sentence) == lead


def test_a_person_called_the_officer_of_another_organisation_is_not_supported(matcher):
    # "Tesla CEO Elon Musk" was one name, found by its surname: supported (0.93) against "SpaceX CEO Elon Musk"
    text = "Tesla CEO Elon Musk announced the plan in 2023."
    v = matcher.match(claim(text), doc("SpaceX CEO Elon Musk announced the plan in 2023.\n"))
    assert v.verdict != "supported" and "'SpaceX', not 'Tesla'" in v.explanation, v
    v = matcher.match(claim(text), doc("Elon Musk, the chief executive of Tesla, announced the plan in 2023.\n"))
    assert v.verdict == "supported", v


def test_half_a_contracted_negation_is_no_claim_word():
    words = [p.text for p in claim_parts("Abacus computing doesn't need power, and it won't stop or isn’t slow.")]
    assert not {"doesn", "won", "isn"} & set(words), words
    assert {"need", "power", "stop", "slow"} <= set(words), words


RACES = ("The 1932 Victorian Grand Prix was a handicap race held at the Phillip Island circuit. "
         "Bill Thompson won it in a Bugatti.")


def test_a_name_beside_a_year_the_page_never_states_is_not_supported(matcher):
    # "The 1932 Australian Grand Prix" was three words once the year was taken, two of them on the page
    right = matcher.match(claim("The 1932 Victorian Grand Prix was a handicap race."), doc(RACES))
    wrong = matcher.match(claim("The 1932 Australian Grand Prix was a handicap race."), doc(RACES))
    assert right.verdict == "supported", right
    assert wrong.verdict != "supported" and "Australian Grand Prix" in wrong.missing, wrong


ALBUMS = ("Blackpink released their debut single album Square One in August 2016. The album includes the tracks "
          "Whistle and Boombayah. Their second single album, Square Up, followed in 2018.")


def test_a_single_quoted_title_the_page_never_states_is_not_supported(matcher):
    # a title in single quotes is one quote, checked word for word: before, 'Square Two' was the word "Square"
    # and the number two, and a page naming "Square One" and "second single album" backed it at 0.84
    right = matcher.match(claim("Blackpink's debut single album is called 'Square One'."), doc(ALBUMS))
    wrong = matcher.match(claim("Blackpink's second single album is called 'Square Two'."), doc(ALBUMS))
    assert right.verdict == "supported", right
    assert wrong.verdict != "supported" and "Square Two" in wrong.missing, wrong


SPECIES = ("Specimens of the new species, Antechinus arktos, were previously known to mammalogists. They had been "
           "assumed to belong to a subspecies of the Dusky Antechinus, A. swainsonii mimetes. The Black-tailed "
           "Dusky Antechinus lives only in cold, wet forests.")


def test_a_quoted_species_name_stated_with_its_genus_abbreviated(matcher):
    # once a page has named a genus it writes it as its initial: "A. swainsonii mimetes" states the quoted name
    right = matcher.match(claim('It had been assumed to be "Antechinus swainsonii mimetes", a subspecies of the '
                                'Dusky Antechinus.'), doc(SPECIES))
    assert "Antechinus swainsonii mimetes" not in right.missing and right.verdict == "supported", right
    for other in ('"Bettongia swainsonii mimetes"', '"Antechinus swainsonii insulanus"'):  # another genus, subspecies
        wrong = matcher.match(claim(f"It had been assumed to be {other}, a subspecies of the Dusky Antechinus."),
                              doc(SPECIES))
        assert other.strip('"') in wrong.missing, wrong


def test_a_year_stated_elsewhere_does_not_back_a_swapped_date(matcher):
    page = doc(ARTICLE)
    right = matcher.match(claim("Musk left OpenAI's board in 2018."), page)
    wrong = matcher.match(claim("Musk left OpenAI's board in 2019."), page)
    assert right.verdict == "supported", right
    # a swapped date is not backed, but no longer called contradicted: on the dev sets most date
    # conflicts came from a page's other events (README, "Matching"); amounts and percentages still are
    assert wrong.verdict in ("partially_supported", "not_supported"), wrong
    assert "2019" in wrong.missing and right.score > wrong.score
    assert any("2018" in e.text for e in wrong.evidence)  # the sentence with the other year is quoted


TABLET = ("云川科技发布首款平板电脑 起售价3999元\n2026-05-10 20:15 来源：云川日报\n"
          "5月10日晚，云川科技在成都举行新品发布会，推出旗下首款平板电脑“云川Pad”。该机厚度为5.9毫米，重约480克。"
          "价格方面，8GB+128GB版本售价3999元，12GB+512GB版本售价4999元，即日起开启预售，5月20日正式开售。"
          "云川科技总裁周明表示，公司今年平板出货量目标为200万台。")


def test_a_full_date_counts_in_a_sentence_that_states_a_quarter_of_the_claim(matcher):
    # the sale date's sentence names neither the firm nor the tablet: a bare year or number would not count
    # there (ANCHOR_MIN), but a day and month are specific enough (ANCHOR_MIN_DAY); before, 0.29
    right = matcher.match(claim("云川科技首款平板电脑起售价3999元，将于5月20日正式开售。"), doc(TABLET))
    wrong = matcher.match(claim("云川科技首款平板电脑起售价3999元，将于5月21日正式开售。"), doc(TABLET))
    assert right.verdict == "supported" and not right.missing, right
    assert wrong.verdict != "supported" and "5月21日" in wrong.missing, wrong


def test_a_vague_amount_does_not_back_a_precise_one(matcher):
    v = matcher.match(claim("In February 2025 Musk offered $87.4 billion to buy OpenAI."), doc(ARTICLE))
    assert v.verdict in ("partially_supported", "not_supported") and v.score < 0.5, v  # not contradicted: see above
    assert "$97.4 billion" in v.explanation
    right = matcher.match(claim("In February 2025 Musk offered $97.4 billion to buy OpenAI."), doc(ARTICLE))
    assert right.score > v.score


def test_chinese_claims_against_the_article(matcher):
    page = doc(ARTICLE)
    founded = matcher.match(claim("2015年马斯克与奥尔特曼共同创立了非营利组织OpenAI"), page)
    assert founded.verdict in ("supported", "partially_supported"), founded  # 非营利 is not a negation
    bid = matcher.match(claim("2月：马斯克试图以974亿美元收购OpenAI遭断然拒绝"), page)
    assert bid.verdict in ("supported", "partially_supported"), bid
    wrong = matcher.match(claim("2月：马斯克试图以874亿美元收购OpenAI遭断然拒绝"), page)
    assert wrong.verdict in ("partially_supported", "not_supported") and wrong.score < bid.score, wrong


def test_a_date_next_to_names_only_is_not_contradicted_by_any_sentence_naming_them(matcher):
    v = matcher.match(claim("August 2025: Elon Musk and Sam Altman publicly clashed on X over Apple "
                            "allegedly boosting OpenAI's ranking in the App Store."), doc(ARTICLE))
    assert v.verdict != "contradicted", v


def test_each_batch_line_says_needs_review_and_the_score_decides_the_verdict(tmp_path):
    rows = [json.loads(line) for line in WICE.read_text("utf-8").splitlines()[:12]]
    pairs = write_jsonl(tmp_path / "pairs.jsonl", [
        {"id": r["id"], "claim": r["claim"], "source_text": r["source_text"]} for r in rows])
    run_batch(pairs, tmp_path / "out.jsonl")
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert all(isinstance(o["needs_review"], bool) for o in out)
    for o in out:
        assert (o["verdict"] == "supported") == (o["score"] >= 0.5), o


@pytest.mark.parametrize("claimed, written", [
    ("The website tells the story of African-Americans in the horse industry.", "African Americans"),
    ("The website tells the story of African Americans in the horse industry.", "African-Americans"),
    ("The website tells the story of Jean Paul Sartre in the horse industry.", "Jean-Paul Sartre"),
    # a name written without its marks on one side: as English text writes Zürich, São Paulo, Łódź
    ("The website tells the story of Zurich in the horse industry.", "Zürich"),
    ("The website tells the story of São Paulo in the horse industry.", "Sao Paulo"),
    ("The website tells the story of Francois Hollande in the horse industry.", "François Hollande"),
    ("The website tells the story of Lodz in the horse industry.", "Łódź"),
    ("The website tells the story of Marc-Andre Fleury in the horse industry.", "Marc-André Fleury"),
    # a word the stemmer cuts (Füchse is "füchs"): its plain letters are not cut again ("fuch")
    ("The website tells the story of Fuchse in the horse industry.", "Füchse"),
    # a title in quotation marks, as English text writes it without its marks
    ('The website tells the story of "Die Funf Tore" in the horse industry.', '"Die Fünf Tore"'),
])
def test_a_name_written_with_a_hyphen_or_its_marks_on_one_side_only_is_found(matcher, claimed, written):
    page = f"The Chronicle.\nThe website tells the story of {written} in the horse industry.\nIt was made by a museum.\n"
    v = matcher.match(claim(claimed), doc(page))
    assert not v.missing and v.verdict == "supported", v
    # a name the page does not state stays missing, hyphen or not
    other = matcher.match(claim(claimed.replace("horse", "racing")), doc(page.replace(written, "Irish Americans")))
    assert other.missing, other


@pytest.mark.parametrize("claimed, written", [
    ("Mr. Altman", "Sam Altman"),  # "Mr" is no name of its own
    ("Dr. Fauci", "Anthony Fauci"),
    ("President Biden", "Joe Biden"),  # a title before a person's name
    ("Vice President Biden", "President Biden"),
    ("Prime Minister Rishi Sunak", "Rishi Sunak"),
    ("OpenAI CEO Sam Altman", "Sam Altman"),  # an affiliation and a title
])
def test_a_persons_name_is_found_without_the_honorific_or_title_before_it(matcher, claimed, written):
    page = f"News.\n{written} signed the bill on Friday.\nIt was reported widely.\n"
    v = matcher.match(claim(f"{claimed} signed the bill on Friday."), doc(page))
    assert not v.missing and v.verdict == "supported", v
    # another person with the same title is not
    other = matcher.match(claim(f"{claimed.replace('Biden', 'Trump').replace('Altman', 'Musk').replace('Fauci', 'Collins').replace('Sunak', 'Truss')} signed the bill on Friday."), doc(page))
    assert other.missing and other.verdict != "supported", other


def test_a_person_the_page_names_in_full_is_stated_by_the_surname_alone(matcher):
    page = ("Profile.\nElon Musk founded SpaceX in 2002.\nHe later led Tesla.\n"
            "Tesla chief Musk sued OpenAI in March 2024.\nThe case is pending.\n")
    v = matcher.match(claim("Elon Musk sued OpenAI in March 2024."), doc(page))
    assert v.verdict == "supported" and not v.missing, v
    # the sentence that states it is the evidence, alone: not joined with "Elon Musk founded SpaceX in 2002."
    assert [e.text for e in v.evidence] == ["Tesla chief Musk sued OpenAI in March 2024."], v.evidence
    # not when the page never names that person in full: the surname may be someone else's
    other = matcher.match(claim("Kimbal Musk sued OpenAI in March 2024."), doc(page))
    assert other.verdict != "supported" and other.missing, other
    alone = matcher.match(claim("Elon Musk sued OpenAI in March 2024."), doc(page.replace("Elon Musk", "He")))
    assert alone.verdict != "supported", alone


def test_the_last_word_of_a_place_or_team_is_no_surname():
    # "Lake" alone is another lake, not Real Salt Lake; "United" alone another United; "Musk" is Elon Musk
    import numpy as np

    from factcheck.match.cover import _named_before
    from factcheck.match.text import Part

    page = ("Real Salt Lake joined the league in 2004. Manchester United toured America. Elon Musk founded SpaceX.\n"
            "Lake Powell signed a deal in 2007.\nUnited beat the Galaxy 3-1.\nMusk sued OpenAI.\n")
    texts = page.splitlines()[1:]
    parts = [Part("name", "Real Salt Lake"), Part("name", "Manchester United"), Part("name", "Elon Musk")]
    M = np.zeros((3, 3))
    _named_before(M, parts, texts, page)
    assert M.tolist() == [[0, 0, 0], [0, 0, 0], [0, 0, 1]]


def test_a_claim_pieced_from_a_sentence_about_someone_else(matcher):
    # "Arsenal" from one sentence and "won the league title in 1999" from one whose subject is another club:
    # the claim's subject is not what the evidence says it of (``other_subject``, read as ``part_only``)
    rivals = "Season review.\nArsenal and Chelsea were close rivals all season.\n"
    for last, swapped in (("Manchester United won the league title in 1999 with a late run.", True),
                          ("The club won the league title in 1999 with a late run.", False),  # refers back
                          ("In the end, Arsenal won the league title in 1999 with a late run.", False),
                          ("London, May 16 - Arsenal won the league title in 1999 with a late run.", False)):
        f = matcher.analyse(claim("Arsenal won the league title in 1999."), doc(rivals + last)).features
        assert (f["other_subject"] > 0.5, f["part_only"]) == (swapped, float(swapped)), (last, f)
        v = matcher.match(claim("Arsenal won the league title in 1999."), doc(rivals + last))
        # called supported on it, the verdict goes to a person, saying why
        assert v.verdict != "supported" or v.needs_review == swapped == ("someone else" in v.explanation), v
    # a first name, on a page that names the person in full, is the same person
    page = "Marion Smith was born in Sydney.\nThe family moved to Canada.\nMarion died in Blackville on 24 January 1957.\n"
    f = matcher.analyse(claim("Smith died in Blackville on 24 January 1957."), doc(page)).features
    assert f["other_subject"] == 0, f


@pytest.mark.parametrize("text, swapped", [
    ("Starting in 1996, Alexa Internet has been donating their crawl data to the Wayback Machine.", True),
    ("Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.", False),
    ("Starting in 1996, Alexa Internet has been donating its crawl data to the Internet Archive.", False),
    ("Starting in 1996, the company has been donating their crawl data to the Internet Archive.", False),
])
def test_a_near_copy_with_another_name_in_place_of_the_pages(matcher, text, swapped):
    # the page's sentence says the claim word for word but for one name, where it has another name that
    # the page states elsewhere: pieced together, every part is found. Since stop 45 the scorer weighs the
    # swap (learnt from copies with a name swapped, bench/augment.py recast_copies): not supported, and the
    # explanation says whose the sentence is (stop 44: supported, 0.95, and flagged)
    page = ("Archive history.\nStarting in 1996, Alexa Internet has been donating their crawl data to the "
            "Internet Archive.\nThe Wayback Machine was launched in 2001 to give access to the collection.\n")
    a = matcher.analyse(claim(text), doc(page))
    assert (a.features["name_swapped"], a.features["part_only"]) == (float(swapped), float(swapped)), a.features
    v = matcher.match(claim(text), doc(page))
    assert (v.verdict != "supported") == swapped, v
    assert swapped == ("of 'Internet Archive', not 'Wayback Machine'" in v.explanation), v


@pytest.mark.parametrize("claim_text, page_name", [
    ("Altman left the board of OpenAI in 2018.", "Musk"),
    ("Musk became chief executive of OpenAI in 2019.", "Altman"),
])
def test_a_claim_that_gives_one_founders_act_to_the_other_is_not_supported(matcher, claim_text, page_name):
    # the feud article's likeliest slip: every name, date and word of the claim is on the page
    page = doc("Elon Musk and Sam Altman co-founded OpenAI in 2015.\nMusk left the board of OpenAI in 2018, citing "
               "a conflict of interest with Tesla.\nAltman became chief executive of OpenAI in 2019.\n")
    v = matcher.match(claim(claim_text), page)
    assert v.verdict != "supported" and not v.missing, v
    assert f"the evidence says this of {page_name!r}" in v.explanation, v
    right = claim_text.replace("Altman", "@").replace("Musk", "Altman").replace("@", "Musk")
    assert matcher.match(claim(right), page).verdict == "supported"
    # the first name of the person the sentence names is the same person: the page writes "Elon Musk"
    first = matcher.match(claim(right.replace("Musk", "Elon").replace("Altman", "Sam")), page)
    assert first.verdict == "supported" and "says this of" not in first.explanation, first


@pytest.mark.parametrize("text, swapped", [
    ("Arsenal won the league title in 1998.", True),  # the name the sentence gives another role
    ("Manchester United won the league title in 1998.", False),
    ("Elon Musk won the league title in 1998.", True),  # a name the page lacks, in the same place
    ("Arsenal's rivals won the league title in 1998.", False),  # more than a name differs there
])
def test_a_near_copy_with_the_claims_name_elsewhere_in_the_sentence(matcher, text, swapped):
    page = "Season review.\nManchester United won the league title in 1998 after outlasting Arsenal.\n"
    assert matcher.analyse(claim(text), doc(page)).features["name_swapped"] == float(swapped)


@pytest.mark.parametrize("text, page, said", [
    # a rank the other way: the claim's subject put lower where the sentence puts it first (supported 0.95 before)
    ("OpenAI is the world's second most valuable startup.", "OpenAI is the world's most valuable startup.",
     "the claim says 'second most' where the source says \"the world's most valuable\""),
    # "the world's most valuable" is a first place too, as "the most valuable" was (0.98, unflagged, before)
    ("OpenAI is the world's most valuable startup.", "OpenAI is the world's second most valuable startup.",
     "the claim says \"the world's most valuable\" where the source says 'second most'"),
    # another took the claim's subject's place (each supported 0.80-0.95 before)
    ("Tesla is the world's largest electric-car maker.", "BYD overtook Tesla as the world's largest electric-car "
     "maker in 2024.", "it is no longer so"),
    ("特斯拉是全球最大的电动汽车制造商。", "BYD overtook Tesla as the world's largest electric-car maker in 2024.",
     "it is no longer so"),
    ("Smith is the chief executive of Acme.", "Jones replaced Smith as chief executive of Acme in 2020.",
     "it is no longer so"),
    # not another's first place, nor the one who took the place, nor a place held in the past, nor another place
    ("Apple is the world's second most valuable company.", "Apple is now the world's second most valuable company "
     "after Microsoft, the most valuable.", ""),
    ("BYD is the world's largest electric-car maker.", "BYD overtook Tesla as the world's largest electric-car maker "
     "in 2024.", ""),
    ("比亚迪是全球最大的电动汽车制造商。", "BYD overtook Tesla as the world's largest electric-car maker in 2024.", ""),
    ("Tesla was the world's largest electric-car maker until 2024.", "BYD overtook Tesla as the world's largest "
     "electric-car maker in 2024.", ""),
    ("Tesla is the world's most valuable carmaker.", "BYD overtook Tesla as the world's largest electric-car maker "
     "by sales; Tesla remains the most valuable carmaker.", ""),
    ("Smith is the chief executive of Acme.", "Smith replaced Jones as chief executive of Acme in 2020.", ""),
])
def test_a_rank_or_a_place_the_page_gives_another_is_said_otherwise(matcher, text, page, said):
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if said:
        assert said in v.explanation and (v.verdict != "supported" or v.needs_review), v
    else:
        assert v.verdict == "supported" and "no longer so" not in v.explanation, v


@pytest.mark.parametrize("text, otherwise", [
    ("Georgia is the largest producer of peaches in the United States.", True),
    ("Georgia is one of the largest producers of peaches in the United States.", False),
    ("Georgia is a large producer of peaches in the United States.", False),
])
def test_a_claim_that_puts_its_subject_first_where_the_page_ranks_it_lower(matcher, text, otherwise):
    page = doc("Peaches.\nAlthough Georgia is called the Peach State, it actually ranked third in United States "
               "peach production in 2012.\nEach year, Georgia produces more than 130 million pounds of peaches.\n")
    a = matcher.analyse(claim(text), page)
    assert (a.features["stated_otherwise"] == 1.0) == otherwise, a.features
    assert ("where the source says 'ranked third'" in a.conflict) == otherwise, a.conflict
    v = matcher.match(claim(text), page)
    assert v.verdict != "contradicted", v  # said otherwise, not contradicted: the rank may be another year's
    if otherwise:
        assert v.verdict != "supported", v


@pytest.mark.parametrize("text, page, swapped", [
    ("Arsenal beat Chelsea in the match.", "Chelsea beat Arsenal 2-1 on Saturday.", True),
    ("Chelsea beat Arsenal in the match.", "Chelsea beat Arsenal 2-1 on Saturday.", False),
    ("Arsenal was beaten by Chelsea in the match.", "Chelsea beat Arsenal 2-1 on Saturday.", False),  # passive
    ("Chelsea beat Arsenal in the match.", "Arsenal were beaten by Chelsea 2-1 on Saturday.", False),
    ("Copper (Cu) displaces iron (Fe) from ferrous sulfate.",
     "In this reaction, iron has displaced or removed another element, copper, from copper sulfate.", True),
    ("A Broken Frame is an album from Depeche Mode.", "Depeche Mode released the album A Broken Frame.", False),
])
def test_a_sentence_that_swaps_who_does_what(matcher, text, page, swapped):
    f = matcher.analyse(claim(text), doc("Report.\n" + page + "\n")).features
    assert (f["roles_swapped"], f["part_only"] if swapped else 1.0) == (float(swapped), 1.0), f


@pytest.mark.parametrize("text, page, reversed_", [
    ("Jones won the election, defeating Smith.", "Smith won the election with 52% of the vote, defeating Jones.", True),
    ("In the final, Federer beat Nadal in five sets.", "In the final, Nadal beat Federer in five sets.", True),
    ("LinkedIn acquired Microsoft for $26.2 billion in 2016.", "Microsoft acquired LinkedIn for $26.2 billion in 2016.",
     True),
    ("Altman sued Musk in 2024.", "Musk sued Altman in 2024, and Altman countersued in 2025.", True),
    # the claim's verb as the sentence's active participle (supported 0.96 before)
    ("Jones defeated Smith in the election.", "Smith won the election with 52% of the vote, defeating Jones.", True),
    # the claim's way round, a passive, a join in no order, or the sentence says it both ways
    ("Smith won the election, defeating Jones.", "Smith won the election with 52% of the vote, defeating Jones.",
     False),
    ("Jones was defeated by Smith in the election.", "Smith defeated Jones in the election.", False),
    ("Jones defeated Smith in the election.", "Smith, defeated in the election, congratulated Jones.", False),
    ("Jones defeated Smith in the election.", "Smith was defeated in the election and congratulated Jones.", False),
    ("Jones met Smith in Paris in 2019.", "Smith met Jones in Paris in 2019.", False),
    ("Jones and Smith founded the firm in 2019.", "Smith and Jones founded the firm in 2019.", False),
    ("Federer beat Nadal in 2007.", "Nadal beat Federer in 2008, a year after Federer beat Nadal in 2007.", False),
    ("Federer beat Nadal in the 2007 final.", "Nadal beat Federer in the 2008 final.\nA year earlier, Federer beat "
     "Nadal in the 2007 final.", False),  # or another sentence does
    # stop 50: a "by" of means, a name in mixed case, a participle's pronoun (each supported 0.94-0.97 before)
    ("Altman called Musk a swindler.", "Musk responded by calling Altman a swindler.", True),
    ("Musk called Altman a swindler.", "Musk responded by calling Altman a swindler.", False),
    ("Apple sued xAI over trade secrets.", "In August 2025, xAI sued Apple over trade secrets.", True),
    ("Musk accused OpenAI of harassment.", "OpenAI countersued Musk in April 2025, accusing him of harassment.", True),
    ("OpenAI accused Musk of harassment.", "OpenAI countersued Musk in April 2025, accusing him of harassment.", False),
    ("Apple accused Samsung of patent infringement.",
     "Apple sued Samsung in 2011; Samsung countersued Apple, accusing it of patent infringement.", True),
    ("Samsung accused Apple of patent infringement.",
     "Apple sued Samsung in 2011; Samsung countersued Apple, accusing it of patent infringement.", False),
    ("Musk accused OpenAI of abandoning its mission.",
     "Musk sued OpenAI in 2024, accusing it of abandoning its mission.", False),
])
def test_a_sentence_that_names_the_claims_two_names_the_other_way_round(matcher, text, page, reversed_):
    # each was supported (0.93-0.97), and only the first flagged: who beat, bought or sued whom read as a copy
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    assert ("the other way round" in v.explanation) is reversed_, v
    assert (v.verdict == "supported") is not reversed_, v


@pytest.mark.parametrize("text, page, hedged", [
    ("喝咖啡会降低2型糖尿病的风险。", "Drinking coffee may reduce the risk of type 2 diabetes, the study found.",
     "'may reduce'"),
    ("该法律将于2025年1月生效。", "The law could take effect in January 2025.", "'could take'"),  # "will" / "could"
    ("法官批准了马斯克的禁令请求。", "The judge did not approve Musk's request for an injunction.", "'did not approve'"),
    ("OpenAI接受了马斯克的收购要约。", "OpenAI's board did not accept Musk's offer.", "'did not accept'"),
    # said outright, hedged by the claim too, a law's "may", or the verb said plainly beside the negated one
    ("喝咖啡会降低2型糖尿病的风险。", "Drinking coffee reduces the risk of type 2 diabetes, the study found.", ""),
    ("喝咖啡可能会降低2型糖尿病的风险。", "Drinking coffee may reduce the risk of type 2 diabetes, the study found.", ""),
    ("根据新法律，警方可以搜查手机。", "Under the new law, police may search phones.", ""),
    ("马斯克离开了OpenAI董事会。", "Musk left OpenAI's board in 2018 but did not leave the company's orbit.", ""),
    ("法官批准了马斯克的禁令请求。", "The judge approved Musk's request, which OpenAI had not expected.", ""),
    ("OpenAI出售了该部门。", "OpenAI declined to sell the unit.", "'declined to sell'"),
    # the claim's own 拒绝 (refuse, decline) is the sentence's "declined to" / "refused to"
    ("奥特曼拒绝置评。", "Altman declined to comment.", ""),
    ("奥特曼拒绝出售OpenAI。", "Altman refused to sell OpenAI.", ""),
    ("法官拒绝批准和解协议。", "The judge declined to approve the settlement.", ""),
])
def test_a_chinese_claim_said_outright_that_an_english_sentence_hedges_or_negates_is_not_supported(
        matcher, text, page, hedged):
    # stop 46 and 47 read "may" and "not" in one language only: each of the first four was supported (0.86-0.96)
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if hedged:
        assert v.verdict != "supported", v
        assert f"the claim says it is so where the source says {hedged}" in v.explanation, v
    else:
        assert v.verdict == "supported" and "the claim says it is so" not in v.explanation, v


@pytest.mark.parametrize("text, page, said", [
    ("马斯克没有起诉OpenAI。", "Musk sued OpenAI in February 2024.", "the claim is negated where the source says 'sued'"),
    ("马斯克从未投资OpenAI。", "Musk invested about $44 million in OpenAI between 2016 and 2020.",
     "the claim is negated where the source says 'invested'"),
    ("OpenAI董事会未接受马斯克的收购要约。", "OpenAI's board accepted Musk's offer.",
     "the claim is negated where the source says 'accepted'"),
    ("马斯克并非OpenAI的联合创始人。", "Musk was a co-founder of OpenAI.", "where the source says it is"),
    # the page negates it too, in its words or others ("did not disclose" for 没有公布), or says it otherwise
    ("马斯克并非OpenAI的联合创始人。", "Musk was not a co-founder of OpenAI, the company said.", ""),
    ("OpenAI董事会未接受马斯克的收购要约。", "OpenAI's board rejected Musk's offer.", ""),  # no antonym: 未接受 is 拒绝
    ("该公司没有公布具体金额。", "The company did not disclose the amount it paid, but announced the deal.", ""),
])
def test_a_negated_chinese_claim_against_an_english_sentence_that_states_it_is_not_supported(matcher, text, page, said):
    # supported 0.81-0.89 before: a Chinese claim's negation was read against a Chinese page only; and 未接受
    # against "rejected" was turned down as 接受's antonym (0.18)
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if said:
        assert v.verdict != "supported" and said in v.explanation, v
    else:
        assert v.verdict == "supported", v


@pytest.mark.parametrize("text, page, said", [
    ("OpenAI launched the new model in Q1 2024.", "OpenAI launched the new model in Q3 2024.", ("Q1", "Q3")),
    ("OpenAI在2024年第一季度推出了新模型。", "OpenAI launched the new model in the third quarter of 2024.",
     ("第一季度", "third quarter")),
    ("翔宇科技今年一季度营业收入同比增长18.4%。", "公司公告称，今年二季度实现营业收入12.6亿元，同比增长18.4%。", ("一季度", "二季度")),
    ("OpenAI's valuation doubled within a year.", "OpenAI's valuation tripled within a year.", ("doubled", "tripled")),
    ("OpenAI的估值在一年内翻了一番。", "OpenAI's valuation tripled within a year.", ("翻了一番", "tripled")),
    # the claim's quarter or multiple said too, in any of the ways it is written; 前三季度 is no third quarter
    ("OpenAI launched the new model in Q3 2024.", "OpenAI launched the new model in the third quarter of 2024.", None),
    ("OpenAI的估值在一年内翻了一番。", "OpenAI's valuation doubled within a year.", None),
    ("前三季度我国进出口同比增长3.4%。", "前三季度，我国货物贸易进出口总值同比增长3.4%，其中二季度增长5%。", None),
    ("The company halved its losses in 2023.", "The company doubled its revenue and halved its losses in 2023.", None),
])
def test_another_quarter_or_multiple_than_the_claims_is_said_otherwise(matcher, text, page, said):
    # each of the first five was supported (0.93-0.96): a quarter or a multiple in words is no number
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if said:
        assert v.verdict != "supported", v
        assert f"the claim says {said[0]!r} where the source says {said[1]!r}" in v.explanation, v
    else:
        assert v.verdict == "supported" and "the claim says" not in v.explanation, v


@pytest.mark.parametrize("page", ["Musk barely uses ChatGPT.", "Musk hardly ever uses ChatGPT, he said."])
def test_a_chinese_almost_not_is_an_english_barely_not_a_negation_the_page_lacks(matcher, page):
    # 几乎不使用 ("almost never uses") is "barely uses": a first version of the negation check read the claim's 不
    # against the sentence's "uses" and turned it down (0.18)
    v = matcher.match(claim("马斯克几乎不使用ChatGPT。"), doc("Report.\n" + page + "\n"))
    assert v.verdict == "supported" and "the claim is negated" not in v.explanation, v


@pytest.mark.parametrize("text, page, said", [
    ("Musk was the only director who opposed the plan.", "Musk was one of two directors who opposed the plan.",
     "'the only director' where the source says 'one of two directors'"),
    ("马斯克是唯一一位反对该计划的董事。", "Musk was one of two directors who opposed the plan.",
     "'唯一' where the source says 'one of'"),
    ("马斯克是OpenAI的董事会成员。", "Musk, a former OpenAI board member, sued the company.",
     "it is so where the source says 'former OpenAI board member'"),
    ("OpenAI计划在2025年上市。", "OpenAI has no plans to go public in 2025.", "it is so where the source says 'no plans'"),
    # the page says "only" too, or the claim says "former" itself (曾), or the page's "no" is about another thing
    ("Musk was the only director who opposed the plan.",
     "Among the directors, Musk was the only one who opposed the plan.", None),
    ("马斯克是唯一一位反对该计划的董事。", "Musk was the only director who opposed the plan, one of the board members said.",
     None),
    ("马斯克曾是OpenAI的董事会成员。", "Musk, a former OpenAI board member, sued the company.", None),
    ("OpenAI计划在2025年上市。", "OpenAI plans to go public in 2025, with no change to its board.", None),
])
def test_only_a_current_role_and_a_plan_said_outright_where_the_page_says_one_of_former_or_no_plans(
        matcher, text, page, said):
    # each of the first four was supported (0.90-0.97)
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if said:
        assert v.verdict != "supported" and f"the claim says {said}" in v.explanation, v
    else:
        assert v.verdict == "supported", v


@pytest.mark.parametrize("text, page, said", [
    ("Most scientists agree that the policy works.", "A minority of scientists agree that the policy works.",
     "'Most scientists' where the source says 'A minority of scientists'"),
    ("Most scientists agree that the policy works.", "Some scientists agree that the policy works.",
     "'Most scientists' where the source says 'Some scientists'"),
    ("大多数科学家认为该政策有效。", "只有少数科学家认为该政策有效。", "'大多数' where the source says '少数'"),
    # the page says "most" too, beside a few who do not
    ("Most scientists agree that the policy works.",
     "Most scientists agree that the policy works, though a few scientists disagree.", None),
    ("大多数科学家认为该政策有效。", "大多数科学家认为该政策有效，少数科学家持反对意见。", None),
])
def test_most_said_where_the_page_says_a_minority_or_some_is_an_overclaim(matcher, text, page, said):
    # supported (0.97) before: "most" is a stop word, and only "all" against "most" was read
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if said:
        assert v.verdict != "supported" and f"the claim says {said}" in v.explanation, v
    else:
        assert v.verdict == "supported", v


_SUED = "Musk sued OpenAI in February 2024, and OpenAI countersued in April 2025."


@pytest.mark.parametrize("text, page, dated", [
    ("马斯克于2025年4月起诉了OpenAI。", _SUED, "'sued OpenAI in February 2024'"),  # the other party's act's date
    ("xAI创立于2023年7月。", "Musk founded xAI in March 2023 and announced it in July 2023.",
     "'founded xAI in March 2023'"),
    # the act's own date, a date the page gives less precisely, the same act again, or another thing's act
    ("马斯克于2024年2月起诉了OpenAI。", _SUED, ""),
    ("马斯克于2024年起诉了OpenAI。", _SUED, ""),
    ("他于2019年赢得了该奖项。", "He won the award in 2018 and again in 2019.", ""),
    ("ChatGPT于2022年11月发布。", "OpenAI released GPT-4 in March 2023, four months after ChatGPT launched in November 2022.",
     ""),
])
def test_a_chinese_claims_date_an_english_sentence_gives_another_act_is_said_otherwise(matcher, text, page, dated):
    # supported (0.91-0.93) before: the claim's date is on the page, for another act or another party's
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if dated:
        assert v.verdict != "supported" and f"the source says {dated} where the claim says" in v.explanation, v
    else:
        assert v.verdict == "supported" and "the source says" not in v.explanation, v


@pytest.mark.parametrize("text, page, said", [
    ("所有董事会成员都投票支持了这项合并。", "Most members of the board voted for the merger.", ("所有", "Most members")),
    ("马斯克是OpenAI的首位投资者。", "Musk was OpenAI's second investor, after Reid Hoffman.", ("首位", "second investor")),
    ("所有董事会成员都投票支持了这项合并。", "All members of the board voted for the merger.", None),
    ("马斯克是OpenAI的首位投资者。", "Musk was OpenAI's first investor.", None),
    ("OpenAI首次实现盈利是在第二季度。", "OpenAI posted its first profit in the second quarter.", None),  # "first" too
])
def test_a_chinese_all_or_first_against_an_english_most_or_second_is_said_otherwise(matcher, text, page, said):
    # supported (0.72, flagged, and 0.92) before: 所有 glosses as "possess", so the sentence stated too little
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if said:
        assert v.verdict != "supported", v
        assert f"the claim says {said[0]!r} where the source says {said[1]!r}" in v.explanation, v
    else:
        assert v.verdict == "supported", v


@pytest.mark.parametrize("text, page, reversed_", [
    ("OpenAI于2024年2月起诉了马斯克。", "Musk sued OpenAI in February 2024, and OpenAI countersued in April 2025.", True),
    ("奥尔特曼批评马斯克背弃了OpenAI的使命。", "Musk criticised Altman for abandoning OpenAI's mission.", True),
    ("奥尔特曼在2023年11月解雇了OpenAI董事会。", "OpenAI's board fired Altman in November 2023.", True),
    ("领英收购了微软。", "Microsoft acquired LinkedIn for $26.2 billion in 2016.", True),
    ("领英收购了微软。", "LinkedIn was acquired by Microsoft for $26.2 billion in 2016.", True),  # a passive
    # the claim's way round, in either voice, a passive claim (被), and a join in no order (与)
    ("马斯克于2024年2月起诉了OpenAI。", "Musk sued OpenAI in February 2024, and OpenAI countersued in April 2025.",
     False),
    ("微软收购了领英。", "LinkedIn was acquired by Microsoft for $26.2 billion in 2016.", False),
    ("OpenAI于2024年2月被马斯克起诉。", "Musk sued OpenAI in February 2024.", False),
    ("马斯克与奥尔特曼于2015年共同创立了OpenAI。", "Altman and Musk co-founded OpenAI in 2015.", False),
    # stop 50: 称 (call; glossed weigh, state, name), 把 with its verb after the name, an irregular past, a word
    # that the page writes as a name (苹果, Apple), a participle's pronoun (each supported 0.67-0.93 before)
    ("奥尔特曼称马斯克是骗子。", "Musk responded by calling Altman a swindler.", True),
    ("马斯克称奥尔特曼是骗子。", "Musk responded by calling Altman a swindler.", False),
    ("奥尔特曼把马斯克叫作骗子。", "Musk responded by calling Altman a swindler.", True),
    ("马斯克把奥尔特曼叫作骗子。", "Musk responded by calling Altman a swindler.", False),
    ("马斯克曾称奥尔特曼是人类的瑰宝。", "Altman once described Musk as a great jewel for humanity.", True),
    ("奥尔特曼曾称马斯克是人类的瑰宝。", "Altman once described Musk as a great jewel for humanity.", False),
    ("领英购买了微软。", "Microsoft bought LinkedIn for $26.2 billion in 2016.", True),
    ("苹果起诉了xAI。", "In August 2025, xAI sued Apple over trade secrets.", True),
    ("xAI起诉了苹果。", "In August 2025, xAI sued Apple over trade secrets.", False),
    ("马斯克指控OpenAI骚扰。", "OpenAI countersued Musk in April 2025, accusing him of harassment.", True),
    ("OpenAI指控马斯克骚扰。", "OpenAI countersued Musk in April 2025, accusing him of harassment.", False),
    ("马斯克声称奥尔特曼欺骗了他。", "Musk claimed that Altman had deceived him.", False),
    ("马斯克将起诉苹果。", "Musk said xAI will sue Apple.", False),
    # senses the dictionary lacks: 反诉 countersue, 超过 overtake, 资助 fund, 挖走 poach, 收购 buy
    ("马斯克反诉OpenAI。", "OpenAI countersued Musk in April 2025.", True),
    ("OpenAI反诉马斯克。", "OpenAI countersued Musk in April 2025.", False),
    ("比亚迪超过了特斯拉。", "Tesla overtook BYD in sales last year. Shares of Tesla rose 5%.", True),
    ("特斯拉超过了比亚迪。", "Tesla overtook BYD in sales last year. Shares of Tesla rose 5%.", False),
    ("OpenAI资助了微软。", "Microsoft funded OpenAI with $1 billion in 2019.", True),
    ("xAI挖走了OpenAI的工程师。", "OpenAI poached xAI's engineers, the suit says.", True),
    ("OpenAI收购了微软。", "Microsoft bought a stake in OpenAI in 2019.", True),
    # a long verb phrase between two names, or one joining two acts (因……而), is no "A verb B": 特斯拉 does not
    # leave OpenAI (`not_supported` 0.00 with the first version of this stop's name reading)
    ("马斯克因与特斯拉存在利益冲突而于2018年离开OpenAI董事会。",
     "Musk left OpenAI's board in 2018, citing a potential conflict of interest with Tesla's AI work.", False),
    # a word the page writes in small letters too is no name (公共卫生, public health), and two names in two
    # clauses have no doer and undergoer
    ("加拿大首席公共卫生官2016年发布的一份综合报告发现，88%的加拿大人表示自己健康状况良好。",
     "Health Status of Canadians 2016: Report of the Chief Public Health Officer.\nAt 88%, Canada had the highest "
     "share of people who said they had good health, the public health report found.", False),
])
def test_a_chinese_claim_whose_two_names_an_english_page_has_the_other_way_round(matcher, text, page, reversed_):
    # each was supported (0.86-0.96), unflagged: "OpenAI sued Musk" for "Musk sued OpenAI"
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    assert ("the other way round" in v.explanation) is reversed_, v
    assert (v.verdict == "supported") is not reversed_, v


@pytest.mark.parametrize("text, page, fellow", [
    ("OpenAI sued Apple.", "In August 2025, xAI sued Apple and OpenAI, accusing them of conspiring.", True),
    ("Apple sued OpenAI.", "Apple and OpenAI were sued in August by xAI.", True),
    ("Microsoft sued OpenAI.", "The New York Times sued Microsoft and OpenAI in December 2023.", True),
    ("Djokovic beat Federer.", "Nadal beat Federer and Djokovic on his way to the title.", True),
    ("OpenAI起诉了苹果。", "In August 2025, xAI sued Apple and OpenAI, accusing them of conspiring.", True),
    ("微软起诉了OpenAI。", "The New York Times sued Microsoft and OpenAI in December 2023.", True),
    # the claim's doer is the page's, or is not among the objects, or the two are the doers
    ("xAI sued Apple.", "In August 2025, xAI sued Apple and OpenAI, accusing them of conspiring.", False),
    ("xAI sued OpenAI.", "Apple and OpenAI were sued in August by xAI.", False),
    ("The New York Times sued OpenAI.", "The New York Times sued Microsoft and OpenAI in December 2023.", False),
    ("Musk sued Altman.", "Musk sued OpenAI and Altman in February 2024.", False),
    ("Microsoft invested in OpenAI.", "Microsoft and Thrive Capital invested in OpenAI and Anthropic last year.",
     False),
    ("xAI起诉了苹果和OpenAI。", "In August 2025, xAI sued Apple and OpenAI, accusing them of conspiring.", False),
    ("纽约时报起诉了OpenAI。", "The New York Times sued Microsoft and OpenAI in December 2023.", False),
])
def test_a_claims_doer_that_the_page_has_undergo_the_act_beside_its_undergoer(matcher, text, page, fellow):
    # each false one was supported (0.75-0.89): "OpenAI sued Apple" read off "xAI sued Apple and OpenAI"
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    assert ("the evidence has another doer" in v.explanation) is fellow, v
    assert (v.verdict == "supported") is not fellow, v


@pytest.mark.parametrize("text", ["Altman commented on the lawsuit.", "奥尔特曼对诉讼发表了评论。", "xAI没有起诉OpenAI。"])
def test_a_sentence_opening_with_a_name_in_mixed_case_is_read_on_its_own(matcher, text):
    # the first and last were supported (0.88, 0.94) before: the negated sentence and the next were read as one
    page = "Report.\nAltman has not commented on the lawsuit. xAI sued OpenAI in September, alleging theft.\n"
    v = matcher.match(claim(text), doc(page))
    assert v.verdict != "supported", v


@pytest.mark.parametrize("text, page, owned", [
    ("Musk's OpenAI released ChatGPT.", "Altman's OpenAI released ChatGPT in November 2022.", "'OpenAI' to 'Altman'"),
    ("马斯克的OpenAI发布了ChatGPT。", "Altman's OpenAI released ChatGPT in November 2022.", "'OpenAI' to 'Altman'"),
    ("贝索斯的SpaceX发射了火箭。", "Musk's SpaceX launched the rocket on Monday.", "'SpaceX' to 'Musk'"),
    ("OpenAI is Microsoft's largest investor.", "Microsoft, OpenAI's largest investor, has put $13 billion into it.",
     "other way round"),
    ("OpenAI是微软最大的投资者。", "Microsoft, OpenAI's largest investor, has put $13 billion into it.",
     "other way round"),
    ("Jones is Smith's coach.", "Smith, Jones's coach since 2019, said he was proud.", "other way round"),
    # the claim's owner has it, or the page's owner is the thing's own ("OpenAI's Altman"), or the role holds
    # both ways ("Musk's co-founder")
    ("Musk's xAI launched Grok.", "Musk's company xAI launched Grok, and Altman's OpenAI responded.", ""),
    ("Altman's OpenAI released ChatGPT.", "OpenAI's Altman released ChatGPT in 2022.", ""),
    ("Microsoft is OpenAI's largest investor.", "Microsoft, OpenAI's largest investor, has put $13 billion into it.",
     ""),
    ("微软是OpenAI最大的投资者。", "Microsoft, OpenAI's largest investor, has put $13 billion into it.", ""),
    ("Musk is OpenAI's co-founder.", "Altman, Musk's co-founder at OpenAI, disagreed.", ""),
    ("马斯克是OpenAI的联合创始人。", "Altman, Musk's co-founder at OpenAI, disagreed.", ""),
    ("Musk is Tesla's chief executive.", "Tesla's chief executive, Musk, spoke on Monday.", ""),
    ("Smith is Jones's coach.", "Smith, Jones's coach since 2019, said he was proud.", ""),
])
def test_a_thing_the_page_gives_to_another_owner(matcher, text, page, owned):
    # before, all but the first false one were supported (0.66 flagged, then 0.94-0.96): "OpenAI is Microsoft's
    # largest investor" read off "Microsoft, OpenAI's largest investor"; the first failed for want of a part
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if owned:
        assert v.verdict != "supported" and owned in v.explanation, v
    else:
        assert v.verdict == "supported" and "other way round" not in v.explanation and " to '" not in \
            v.explanation, v


@pytest.mark.parametrize("text, page, unsaid", [
    ("Musk was OpenAI's only early donor.", "Musk was OpenAI's largest early donor, giving $44 million.", "'only'"),
    ("马斯克是OpenAI唯一的早期捐赠者。", "Musk was OpenAI's largest early donor, giving $44 million.", "'唯一'"),
    ("马斯克独自创立了OpenAI。", "Musk was one of the founders of OpenAI in 2015, with Altman.", "'独自'"),
    ("Smith wrote the book alone.", "Smith wrote the book with Jones in 2001.", "'alone'"),
    ("马斯克是该公司唯一的股东。", "Musk is the company's largest shareholder.", "'唯一'"),
    # the source says one alone, in its words; or the claim's "only" is no claim of one alone
    ("Musk was OpenAI's only early donor.", "Musk was the only early donor to OpenAI, giving $44 million.", ""),
    ("She was the sole survivor of the crash.", "She alone survived the 1971 crash.", ""),
    ("Smith wrote the book alone.", "Smith wrote the book by himself, without a co-author.", ""),
    ("It was the band's only album.", "It was the band's first and only album.", ""),
    ("Musk only invested $44 million.", "Musk invested $44 million in OpenAI.", ""),
    ("It is not only the largest city but also the capital.", "It is the largest city and the capital.", ""),
    ("马斯克是该公司唯一的股东。", "Musk is the company's sole shareholder.", ""),
])
def test_a_claim_of_one_alone_needs_a_source_that_says_so(matcher, text, page, unsaid):
    # before, the false ones were supported (0.60-0.96): "the only donor" read off "the largest donor"
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if unsaid:
        assert v.verdict != "supported" and f"the claim says {unsaid} where the source does not say so" in \
            v.explanation, v
    else:
        assert v.verdict == "supported" and "does not say so" not in v.explanation, v


_REASONS = ("Musk left OpenAI's board in 2018, citing a potential conflict of interest with Tesla's AI work. "
            "OpenAI created a capped-profit arm in 2019 to raise money from investors such as Microsoft. "
            "Musk founded xAI in 2023 to build what he called a 'maximally truth-seeking AI'. "
            "Altman was fired in November 2023 after the board said he had not been consistently candid.")


@pytest.mark.parametrize("text, page, otherwise", [
    ("Musk left OpenAI's board in 2018 because of a dispute with Altman.", _REASONS, True),
    ("马斯克于2023年创立xAI，旨在与特斯拉竞争。", _REASONS, True),
    # the source's reason in other words, or the claim's purpose a thing's, not the act's
    ("Musk left OpenAI's board in 2018 because of a conflict of interest with Tesla.", _REASONS, False),
    ("马斯克于2023年创立xAI，旨在打造最大程度追求真相的AI。", _REASONS, False),
    ("He resigned from the board in 2018 because of poor health.",
     "He resigned from the board in 2018, citing illness.", False),
    ("The company closed the plant in 2020 in order to cut costs.",
     "The company closed the plant in 2020 in order to save money.", False),
    ("伦敦的比赛周六因天气恶劣而推迟。", "The match in London was postponed on Saturday because of heavy rain.", False),
    ("马斯克于2018年因利益冲突离开了OpenAI董事会。",
     "Musk left OpenAI's board in 2018 due to a potential conflict of interest with Tesla.", False),
])
def test_a_reason_the_page_gives_otherwise(matcher, text, page, otherwise):
    # the first two were supported (0.87, 0.78): a reason the page does not give, read off the act it does
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    assert ("as the reason where the source says" in v.explanation) is otherwise, v
    if otherwise:
        assert v.verdict != "supported", v
    else:
        assert v.verdict == "supported", v


_SAYINGS = ("In an interview, Altman said Musk has probably been insecure his whole life. "
            "OpenAI said Musk's departure was a mutual decision to avoid a conflict with Tesla's AI work. "
            "Musk later said he was pushed out of OpenAI.")


@pytest.mark.parametrize("text, page, speaker", [
    ("Musk said Altman has been insecure his whole life.", _SAYINGS, None),  # turned round: said otherwise
    ("Musk said his departure was a mutual decision.", _SAYINGS, "'OpenAI' say it, not 'Musk'"),
    ("OpenAI said Musk was pushed out.", _SAYINGS, "'Musk' say it, not 'OpenAI'"),
    ("马斯克说奥尔特曼可能一生都缺乏安全感。", _SAYINGS, "'Altman' say it, not '马斯克'"),
    ("马斯克表示他的离开是双方共同的决定。", _SAYINGS, "'OpenAI' say it, not '马斯克'"),
    ("OpenAI称马斯克被挤出了OpenAI。", _SAYINGS, "'Musk' say it, not 'OpenAI'"),
    # the claim's speaker says it, or stands before the one who does, or a pronoun or "the company" says it
    ("Altman said Musk has been insecure his whole life.", _SAYINGS, ""),
    ("OpenAI said Musk's departure was a mutual decision.", _SAYINGS, ""),
    ("奥尔特曼说马斯克可能一生都缺乏安全感。", _SAYINGS, ""),
    ("马斯克后来称他被挤出了OpenAI。", _SAYINGS, ""),
    ("OpenAI said the claims were baseless.", "OpenAI spokesperson Jane Doe said the claims were baseless.", ""),
    ("Musk said the suit was about the mission.", "Musk's lawyer Alex Spiro said the suit was about the mission.", ""),
    ("Apple said revenue rose 5%.", "Apple Inc. said revenue rose 5% in the quarter.", ""),
    ("Apple said revenue rose 5%.", "Apple CEO Tim Cook said revenue rose 5% in the quarter.", ""),
    ("苹果公司表示营收增长了5%。", "Apple CEO Tim Cook said revenue rose 5% in the quarter.", ""),
    ("Musk said OpenAI had abandoned its mission.", "'OpenAI has abandoned its mission,' Musk said on X.", ""),
    ("Musk said OpenAI had abandoned its mission.", "OpenAI had abandoned its mission, said Musk.", ""),
    ("Police said two people died.", "Two people died, police said.", ""),
    ("The company said revenue rose 5%.", "Apple said revenue rose 5% in the quarter.", ""),
])
def test_a_claim_that_the_page_has_someone_else_say(matcher, text, page, speaker):
    # each with a speaker was supported (0.73-0.98), unflagged but one: the words said, by another
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    if speaker is None:
        assert v.verdict != "supported", v
    elif speaker:
        assert v.verdict != "supported" and f"the source has {speaker}" in v.explanation, v
    else:
        assert v.verdict == "supported" and "say it, not" not in v.explanation and "other way round" not in \
            v.explanation, v


_OPENAI_PAGE = ("OpenAI CEO Sam Altman announced the new model on Tuesday. Elon Musk, a co-founder, left its board in "
                "2018.")


@pytest.mark.parametrize("text, page, named", [
    ("OpenAI CEO Elon Musk announced the new model.", _OPENAI_PAGE, "'Sam Altman' as OpenAI CEO, not 'Elon Musk'"),
    ("OpenAI首席执行官马斯克宣布了新模型。", _OPENAI_PAGE, "'Sam Altman' as OpenAI CEO, not '马斯克'"),
    ("特斯拉首席执行官奥尔特曼宣布了新车型。", "Tesla CEO Elon Musk unveiled the new car on Tuesday. Sam Altman attended.",
     "'Elon Musk' as 特斯拉 CEO, not '奥尔特曼'"),
    # the claim's person in the office, written after the name, or without the office at all (stop 41)
    ("OpenAI CEO Sam Altman announced the new model.", _OPENAI_PAGE, ""),
    ("OpenAI CEO Altman announced the new model.",
     "Sam Altman, the chief executive of OpenAI, announced the new model.", ""),
    ("OpenAI CEO Sam Altman signed the bill.", "Sam Altman signed the bill.", ""),
    ("OpenAI首席执行官奥尔特曼宣布了新模型。", "Sam Altman, OpenAI's chief executive, announced the new model.", ""),
    # the page's other holder is a former one, or the office is one that several hold (a founder)
    ("Microsoft CEO Satya Nadella praised the deal.",
     "Former Microsoft CEO Steve Ballmer and Satya Nadella praised the deal.", ""),
    ("OpenAI co-founder Elon Musk sued the company.", "OpenAI co-founder Sam Altman said Elon Musk sued the company.",
     ""),
])
def test_a_claim_that_gives_its_person_an_office_the_page_gives_another_is_not_supported(matcher, text, page, named):
    # supported 0.88-0.90 before (the English claim flagged, the Chinese ones not)
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    assert (f"the source names {named}" in v.explanation) if named else "the source names" not in v.explanation, v
    assert (v.verdict == "supported") is not named, v


@pytest.mark.parametrize("claimed, written", [
    ("The United Nations", "The UN"),
    ("The Federal Bureau of Investigation", "The FBI"),
    ("The FBI", "The Federal Bureau of Investigation"),
    ("The World Health Organization", "The WHO"),
])
def test_a_name_and_its_initials_state_each_other(matcher, claimed, written):
    page = f"News.\n{written} opened an inquiry into the company in March.\nIt was reported widely.\n"
    v = matcher.match(claim(f"{claimed} opened an inquiry into the company in March."), doc(page))
    assert v.verdict == "supported", v
    # a person's initials are not the person
    person = matcher.match(claim("Sam Altman opened an inquiry into the company in March."),
                           doc(page.replace(written, "SA")))
    assert person.verdict != "supported", person


@pytest.mark.parametrize("claimed, stated, backed", [
    ("5 kilometres", "5 km", True),  # a unit spelt out is the unit's sign
    ("five kilometres", "5 km", True),
    ("five km", "5 km", True),
    ("a 5-km race", "5 kilometers", True),  # hyphened to its number
    ("40 miles per hour", "40 mph", True),
    ("20 lbs", "20 lb", True),  # one sign per unit
    ("6公里", "6 kilometres", True),  # as a Chinese unit is
    ("5 kilometres", "5 miles", False),  # another unit is not
    ("5 km", "5 people", False),  # nor a bare number
    ("5 milestones", "5 km", False),  # a word that starts like a unit is none
    ("1.2 kilometres", "1,200 metres", True),  # converted, each at the precision it is written with
    ("8 km", "5 miles", True),
    ("8公里", "a 5-mile course", True),
    ("气温达40摄氏度", "reached 104 °F", True),  # Chinese temperature units
    ("时速100公里", "a top speed of 62 mph", True),  # 时速 makes 公里 a speed
    ("时速100公里", "100 km away", False),
    ("体重80公斤", "he weighs 176 pounds", True),  # pounds after a word of weight are a weight, not money
    ("it cost 200 pounds", "it cost £200", True),
    ("100 km/h", "62 mph", True),
    ("2 hectares", "20,000 square metres", True),
    ("300 metres", "300 m", True),  # "300 m" is read as a bare number ("m" is also million)
    ("10 km", "5 miles", False),
    ("1.5 km", "1,200 metres", False),
    ("300 metres", "300 ft", False),
    ("1 ft", "20 cm", False),  # each side must round to the other: 20 cm is no foot
    ("1,250 metres", "1.2 km", False),  # a page's rounder figure does not back a more precise claim
])
def test_a_unit_spelt_out_compares_with_its_sign(claimed, stated, backed):
    [a], [b] = quantities(claimed), quantities(stated)
    assert same_value(a, b) is backed


@pytest.mark.parametrize("claimed, stated, backed", [
    ("in two weeks", "in two months", False),  # each was a bare 2
    ("lasted three weeks", "lasted three years", False),
    ("a 10-year contract", "ten years", True),
    ("12 months", "1 year", True),
    ("24 hours", "a 1-day trip", True),
    ("3个月", "three months", True),  # Chinese durations, with their measure words
    ("2周内", "in 2 weeks", True),
    ("5天", "5 weeks", False),
    ("服刑10年", "a 10-year sentence", True),
    ("服刑10年", "a 12-year sentence", False),
    # a bare number of the same value backs a duration, either way (an age is one)
    ("aged 30", "30 years old", True),
    ("30 years old", "aged 30", True),
    ("85岁", "died aged 85", True),
    ("85岁", "85-year-old", True),
])
def test_a_duration_compares_with_the_same_time_in_any_unit(claimed, stated, backed):
    [a], [b] = quantities(claimed), quantities(stated)
    assert same_value(a, b) is backed
    assert conflicts(a, b) is not backed  # "two months" says otherwise of "two weeks": a conflict, not another thing


@pytest.mark.parametrize("text, kind", [
    ("ChatGPT reached its first users in two weeks", "measure:wk"), ("a 30-year-old engineer", "measure:yr"),
    ("服刑10年", "count:年"), ("3个月后", "count:个月"),
    # a rate is no duration, nor a grade or a decade a year
    ("knocking on doors six days per week", "number"), ("three hours a day", "number"), ("3年级", "number"),
])
def test_a_number_with_a_unit_of_time_is_a_duration(text, kind):
    assert [q.kind for q in quantities(text)] == [kind]


@pytest.mark.parametrize("text, page, given", [
    ("ChatGPT reached 100 million users in two weeks.", "ChatGPT reached 100 million users in two months.",
     "'two months' where the claim says 'two weeks'"),
    ("ChatGPT在两个月内用户突破1亿。", "ChatGPT reached 100 million users in two months.", ""),
    ("ChatGPT reached 100 million users in two months.", "ChatGPT reached 100 million users in two months.", ""),
])
def test_a_claim_that_gives_another_duration_is_not_supported(matcher, text, page, given):
    # "in two weeks" against "in two months" was supported 0.96: a duration was its bare number
    v = matcher.match(claim(text), doc("Report.\n" + page + "\n"))
    assert (v.verdict == "supported") is not given, v
    assert not given or f"the source gives {given}" in v.explanation, v


@pytest.mark.parametrize("claimed, stated, backed", [
    ("at 3 p.m.", "at 15:00", True),  # an hour with am or pm is a time of day
    ("at 3pm", "at 3:00 pm", True),
    ("at 3 p.m.", "at 3:00", False),
    ("half a million people", "500,000 people", True),  # half of it, not "a million"
    ("half a million people", "a million people", False),
    ("half a dozen eggs", "6 eggs", True),
    ("sales grew 2.5x", "sales grew 2.5 times", True),  # so many times, not the number 2
    ("the twenty-first edition", "the 21st edition", True),  # an ordinal, not twenty
    ("the twenty-first edition", "20 editions", False),
    ("the vote passed 52 to 48", "the vote passed 52-48", True),  # a result written with "to"
    ("the vote passed 52 to 48", "the vote passed 52-47", False),
    ("reached 104 °F", "reached 40 °C", True),  # Fahrenheit and Celsius
    ("最高气温40℃", "a high of 104°F", True),
    ("reached 100 °F", "reached 40 °C", False),
    ("on 18 October 2016", "held 17-19 October, 2016", True),  # a run of days states each of its days
    ("on June 4, 2024", "held June 3–5, 2024", True),
    ("on 25 October 2016", "held 17-19 October, 2016", False),
    ("on June 4, 2023", "held June 3–5, 2024", False),
    ("2016年10月18日", "会议于2016年10月17日至19日举行", True),  # as Chinese writes a run
    ("2016年10月19日", "会议于2016年10月17日-19日举行", True),  # its last day takes the year and month
    ("2016年10月21日", "会议于2016年10月17日至19日举行", False),
    ("founded in 1998", "founded in '98", True),  # a year or decade with its century left out
    ("in the 1990s", "in the ’90s", True),
    ("founded in 1998", "founded in '97", False),
    ("it was 98 degrees", "'98 percent", False),
])
def test_numbers_written_with_words_or_signs_read_as_what_they_say(claimed, stated, backed):
    [a] = quantities(claimed)
    assert any(same_value(a, b) for b in quantities(stated)) is backed


@pytest.mark.parametrize("claimed, written, backed", [
    ("the UK", "Britain", True),  # a country's other name
    ("the United Kingdom", "Great Britain", True),
    ("the USA", "the United States", True),
    ("Burma", "Myanmar", True),
    ("the UK", "France", False),
    ("the USA", "the United Kingdom", False),
])
def test_a_country_is_found_by_its_other_name(matcher, claimed, written, backed):
    page = f"News.\nThe company moved its head office to {written} in March 1990.\nIt was reported widely.\n"
    v = matcher.match(claim(f"The company moved its head office to {claimed} in March 1990."), doc(page))
    assert (v.verdict == "supported") is backed, v


@pytest.mark.parametrize("claimed, written", [
    ("St. Louis", "Saint Louis"),  # a name's word written short, either way round
    ("Saint Louis", "St. Louis"),
    ("Mount Everest", "Mt. Everest"),
    ("Fort Worth", "Ft. Worth"),
    ("Smith Brothers Ltd", "Smith Brothers Limited"),
    ("World War II", "World War Two"),  # a name's Roman numeral and the number, or its ordinal
    ("World War II", "World War 2"),
    ("World War II", "the Second World War"),
    ("the Second World War", "World War II"),
    ("WWII", "World War II"),
    ("World War I", "WW1"),
    ("WW2", "the Second World War"),
    ("Henry VIII", "Henry the Eighth"),
])
def test_a_name_written_short_or_with_its_numeral_otherwise_is_found(matcher, claimed, written):
    page = f"News.\nThe museum about {written} opened in the old town in March.\nIt was reported widely.\n"
    v = matcher.match(claim(f"The museum about {claimed} opened in the old town in March."), doc(page))
    assert v.verdict == "supported" and not v.missing, v


@pytest.mark.parametrize("claimed, written", [
    ("Henry VIII", "Henry VII"),  # another numeral is another name
    ("World War I", "World War II"),  # "I" after "War" is a numeral, not the pronoun
    ("St. Louis", "Saint Paul"),
])
def test_a_name_with_another_numeral_or_word_is_not_found(matcher, claimed, written):
    page = f"News.\nThe museum about {written} opened in the old town in March.\nIt was reported widely.\n"
    v = matcher.match(claim(f"The museum about {claimed} opened in the old town in March."), doc(page))
    assert v.verdict != "supported" and v.missing, v


def test_a_share_in_words_is_stated_by_its_percentage_and_not_by_another(matcher):
    page = "Report.\nThe state grows 33 percent of the country's peaches.\nMost are sold fresh.\n"
    assert matcher.match(claim("The state grows a third of the country's peaches."), doc(page)).verdict == "supported"
    # another share is not: "a third" was no quantity at all, so any percentage passed
    v = matcher.match(claim("The state grows a third of the country's peaches."), doc(page.replace("33", "45")))
    assert v.verdict != "supported", v


@pytest.mark.parametrize("claimed, stated, backed", [
    ("in the 1990s", "in 1994", True),  # a decade is backed by a year or a date in it
    ("in the 1990s", "on May 3, 1996", True),
    ("in the 1800s", "in 1871", True),
    ("in the 1990s", "in 2004", False),
    ("in 1994", "in the 1990s", False),  # a vague page does not back a precise claim
    ("in the 15th century", "in 1455", True),  # a century is backed by a year in it, as a decade is
    ("in the later fifteenth century", "in 1455", True),
    ("a 19th-century church", "in the 1800s", True),
    ("in the 19th century", "in the nineteenth century", True),
    ("19世纪", "the 19th century", True),
    ("十五世纪", "in 1455", True),
    ("in the 19th century", "in the 20th century", False),
    ("in the 15th century", "in 1520", False),
    ("in 1455", "in the 15th century", False),
])
def test_a_decade_is_backed_by_a_year_in_it(claimed, stated, backed):
    assert same_value(quantities(claimed)[0], quantities(stated)[0]) is backed


EISINGA = ("Eise Eisinga biography.\nEise Eisinga was born in Dronrijp in 1744.\n"
           "He built a planetarium in his house in Franeker.\nAs a boy he taught himself mathematics and astronomy.\n"
           "The planetarium is the oldest working one in the world.\n")
EISINGA_CLAIM = "Eise Eisinga built the oldest working planetarium in his house in Franeker in 1744."


def test_a_supported_verdict_pieced_together_from_three_sentences_is_left_for_a_person(matcher):
    # born in 1744, the planetarium in Franeker, the oldest working one: each part from its own sentence
    pieced = matcher.match(claim(EISINGA_CLAIM), doc(EISINGA))
    lo, hi = matcher.weights["review"]
    assert pieced.verdict == "supported" and pieced.score >= hi, pieced  # confident: above the band
    assert pieced.needs_review and "pieced together from 3 sentences" in pieced.explanation, pieced
    # the same claim stated in one sentence is not
    stated = matcher.match(claim(EISINGA_CLAIM), doc(EISINGA + EISINGA_CLAIM + "\n"))
    assert stated.verdict == "supported" and stated.score >= hi and not stated.needs_review, stated


@pytest.mark.parametrize("p, evidence, why", [
    (0.95, 3, "the evidence is pieced together from 3 sentences"),
    (0.95, 2, ""),
    (0.50, 3, "uncertain"),  # in the band: uncertain first
    (0.10, 3, ""),  # not supported: what it is pieced from does not matter
])
def test_review_reason_flags_the_band_and_supported_verdicts_on_pieced_evidence(p, evidence, why):
    weights = {"review": [0.3, 0.8], "review_pieces": 3}
    assert review_reason(p, weights, {"n_evidence": float(evidence)}) == why
    assert review_reason(p, {"review": [0.3, 0.8]}, {"n_evidence": float(evidence)}) == ("uncertain" if why == "uncertain" else "")


@pytest.mark.parametrize("p, cross, why", [
    (0.30, False, "uncertain"), (0.30, True, ""),  # below the band across languages: not flagged there
    (0.60, False, "uncertain"), (0.60, True, "uncertain"), (0.90, True, ""), (0.10, False, ""),
])
def test_a_claim_on_a_page_in_another_language_has_its_own_review_band(p, cross, why):
    weights = {"review": [0.2, 0.75], "review_cross": [0.5, 0.75]}
    assert review_reason(p, weights, {"cross_lingual": float(cross)}) == why
    # weights without a band of their own for it use the one band
    one_band = review_reason(p, {"review": [0.2, 0.75]}, {"cross_lingual": float(cross)})
    assert one_band == ("" if p in (0.9, 0.1) else "uncertain")


MARATHON = ("2025云川马拉松鸣枪开跑\n2025-03-16 10:20 来源：云川日报\n"
            "本报讯 16日，2025云川马拉松在市民广场鸣枪开跑，共有来自32个国家和地区的3万名跑者参加。\n"
            "男子全程冠军成绩为2小时11分。")


def test_an_english_claims_number_that_a_chinese_page_states_nowhere(matcher):
    stated = matcher.analyse(claim("The 2025 Yunchuan Marathon drew 30,000 runners from 32 countries and regions."),
                             doc(MARATHON))
    swapped = matcher.analyse(claim("The 2025 Yunchuan Marathon drew 50,000 runners from 32 countries and regions."),
                              doc(MARATHON))
    assert stated.features["absent_cov"] == 0 and swapped.features["absent_cov"] > 0.5
    assert matcher.match(claim("The 2025 Yunchuan Marathon drew 50,000 runners from 32 countries and regions."),
                         doc(MARATHON)).verdict != "supported"
    # a number in words is not "nowhere": the page's single numerals (三名, 两剂) are not read as numbers
    worded = matcher.analyse(claim("The Yunchuan Marathon drew runners from thirty-five countries."), doc(MARATHON))
    assert worded.features["absent_cov"] == 0


SATELLITE = ("天行二号卫星发射成功\n2026-04-21 11:02 来源：科技日报\n"
             "21日10时15分，我国在酒泉卫星发射中心成功将天行二号卫星送入预定轨道。\n"
             "该卫星主要用于农作物长势监测。")


def test_a_chinese_name_in_pinyin_is_read_on_a_chinese_page():
    from factcheck.match.gloss import pinyin_word, spells

    assert [pinyin_word(w) for w in ("Tianxing", "Xi'an", "Jiuquan", "Technology", "Liu", "satellite")] == [
        "tianxing", "xian", "jiuquan", "", "", ""]  # one syllable (Liu) or lower case: not asked about
    assert spells("tianxing", "成功将天行二号卫星送入预定轨道") and spells("xian", "西安市")
    assert not spells("tianxing", "天气很好，行人很多")  # the characters must stand together
    assert not spells("tianyuan", SATELLITE)
    # a word cut into syllables in too many ways is not asked about (the page is searched with one pattern)
    assert pinyin_word("Ananananananananananananan") == "" and pinyin_word("Anan") == "anan"


def test_an_english_claims_chinese_names_are_found_by_their_pinyin(matcher):
    stated = matcher.match(claim("The Tianxing-2 satellite was launched from the Jiuquan Satellite Launch Center."),
                           doc(SATELLITE))
    other = matcher.match(claim("The Tianyuan-2 satellite was launched from the Jiuquan Satellite Launch Center."),
                          doc(SATELLITE))
    assert not {"Tianxing", "Jiuquan Satellite Launch Center", "2"} & set(stated.missing), stated
    assert "Tianyuan" in other.missing and other.score < stated.score
    # the number of a name (Tianxing-2: 天行二号) is no count across languages; "2 satellites" still is one
    assert [p.text for p in claim_parts("The Tianxing-2 satellite", cross_lingual=True) if p.kind == "quantity"] == []
    assert [p.text for p in claim_parts("The Tianxing-2 satellite", cross_lingual=False) if p.kind == "quantity"] == ["2"]
    assert [p.text for p in claim_parts("It launched 2 satellites", cross_lingual=True) if p.kind == "quantity"] == ["2"]


def test_a_name_in_pinyin_is_found_on_a_chinese_page_as_spelled_not_by_its_vector(matcher):
    page = ("龙舟邀请赛落幕\n2025-06-02 18:00 来源：云川日报\n"
            "假期期间，一年一度的云川龙舟邀请赛在湖畔举行，共有来自全省的24支队伍参赛，最终{}代表队夺得冠军。")
    said = claim("The Yunchuan dragon boat invitational was won by the Xihu district team.")
    other = matcher.match(said, doc(page.format("东湖区")))  # Xihu ~ 东湖: cosine 0.54, full credit by vector
    same = matcher.match(said, doc(page.format("西湖区")))
    assert "Xihu" in other.missing and "Xihu" not in same.missing, (other, same)
    assert other.score < same.score


CRASH = ("高速多车追尾事故致2人死亡\n2026-01-09 18:00 来源：云川日报\n"
         "1月9日7时20分许，绕城高速西环段因团雾发生一起多车追尾事故，共涉及车辆17辆。\n"
         "据应急管理局通报，事故共造成2人死亡、11人受伤，伤者均已送往医院救治。")


def test_a_chinese_count_is_not_backed_by_a_count_of_something_else(matcher):
    [rough] = quantities("事故造成十余人死亡")
    assert rough.kind == "count:人"  # a rough number counts its thing too: 17辆 (vehicles) does not back it
    [vehicles] = [q for q in quantities("共涉及车辆17辆") if q.lo == 17]
    assert not same_value(rough, vehicles)
    # 11 backs 十余, but the sentence counts the dead otherwise (2人死亡): its 11 are the injured
    dead = matcher.match(claim("追尾事故造成十余人死亡。"), doc(CRASH))
    injured = matcher.match(claim("追尾事故造成十余人受伤。"), doc(CRASH))
    assert "十余" in dead.missing and "十余" not in injured.missing, (dead, injured)
    # and the sentence's own count of the dead (2) gives the claim's rough count otherwise: a conflict
    assert dead.verdict != "supported" and dead.score < injured.score, dead
    assert "the source gives '2人'" in dead.explanation, dead.explanation  # with what it counts


CPI = ("统计局发布10月份物价数据\n2026-11-10 09:30 来源：本地日报\n"
       "统计局10日发布数据显示，10月份，全市居民消费价格指数（CPI）同比上涨0.4%，环比下降0.1%。\n"
       "分类别看，食品价格同比下降1.8%，其中猪肉价格下降6.5%；非食品价格上涨0.9%。\n"
       "统计局表示，涨幅略有扩大，主要受节假日出行需求增加影响。")


def test_a_chinese_claims_number_is_anchored_in_its_own_clause(matcher):
    from factcheck.match.retrieve import split_clauses

    # a Chinese clause has no spaces: its length is counted in pairs of characters, not in runs of \w
    assert split_clauses("10月份全市CPI同比上涨0.4%，其中非食品价格上涨0.9%。") == (
        "10月份全市CPI同比上涨0.4%", "其中非食品价格上涨0.9%。")
    assert split_clauses("他说，好。") == ("他说，好。",)  # too short to be clauses
    # 0.9% stands in a sentence that states its own clause (非食品价格上涨), not the CPI of the other
    stated = matcher.match(claim("10月份全市CPI同比上涨0.4%，其中非食品价格上涨0.9%。"), doc(CPI))
    other = matcher.match(claim("10月份全市CPI同比上涨0.4%，其中非食品价格上涨1.9%。"), doc(CPI))
    assert stated.verdict == "supported" and "0.9%" not in stated.missing, stated
    assert other.verdict != "supported" and "1.9%" in other.missing, other


DRONE = ("新款农业无人机亮相博览会\n2025-05-12 09:10 来源：科技日报\n"
         "本报讯 在昨天开幕的农业机械博览会上，一家本地企业展出了新款植保无人机。\n"
         "据介绍，该无人机最多可携带30千克药液，一次充电可作业40分钟。\n"
         "企业负责人表示，产品将于下月上市。")


def test_an_english_claims_words_are_found_through_the_dictionary_on_a_chinese_page(matcher):
    # "drone" is 无人机 by the dictionary's gloss ("drone; unmanned aerial vehicle"), not only by word vectors
    stated = matcher.match(claim("The new drone can carry up to 30 kilograms of pesticide."), doc(DRONE))
    assert not {"drone", "30"} & set(stated.missing), stated
    assert stated.verdict == "supported", stated
    other = matcher.match(claim("The new drone can carry up to 50 kilograms of pesticide."), doc(DRONE))
    assert "50" in other.missing and other.score < 0.5 < stated.score


FRYER = ("宁川电器回应空气炸锅冒烟\n2025-09-09 10:20 来源：中国质量新闻网\n"
         "近日，有消费者反映宁川电器生产的某型号空气炸锅在使用中出现冒烟现象。\n"
         "9月8日，宁川电器发布声明称，经第三方检测机构检测，该型号产品{}自燃风险。\n"
         "公司表示将主动为用户免费更换配件。")


def test_a_chinese_negation_of_an_english_claims_words_is_read_through_the_dictionary(matcher):
    from factcheck.match.gloss import negates_in_gloss

    risk = set(terms("a risk of spontaneous combustion"))
    assert negates_in_gloss("该型号产品并不存在自燃风险", risk)
    assert not negates_in_gloss("该型号产品存在自燃风险", risk)
    # only the word right after the negation is what it negates: 取消, not the 中考 ("school") after it
    assert not negates_in_gloss("目前没有取消中考体育的计划", set(terms("students at school")))
    said = "Tests found a risk of spontaneous combustion in the air fryer."
    negated = matcher.match(claim(said), doc(FRYER.format("并不存在")))
    stated = matcher.match(claim(said), doc(FRYER.format("存在")))
    assert stated.verdict == "supported", stated
    assert negated.score < 0.2 and negated.verdict != "supported", negated
    # a claim that reports a denial of its own is not negated by the page's denial
    denying = "The company denied that tests found a risk of spontaneous combustion in the air fryer."
    assert matcher.analyse(claim(denying), doc(FRYER.format("并不存在"))).features["negated_cov"] == 0.0


def test_a_chinese_claims_names_are_found_in_pinyin_on_an_english_page(matcher):
    page = doc("Shenyan Intelligence founder Liang Wenfeng said on Monday that the company would release "
               "a new model. The model will be free for researchers.")
    stated = matcher.match(claim("梁文锋表示，深言智能将发布新模型。"), page)
    assert not {"梁文锋", "深言"} & set(stated.missing), stated
    assert stated.verdict == "supported", stated


FLU = ("国家疾控局：网传“接种流感疫苗致白血病”与事实不符\n2025-10-21 07:30 来源：健康报\n"
       "20日，国家疾控局相关负责人在新闻发布会上表示，全国流感疫苗接种工作进展顺利。\n"
       "去年，全国共报告流感疫苗接种约6800万剂次，严重异常反应发生率不足百万分之一。")


def test_a_year_found_only_away_from_the_claims_figure_is_given_otherwise_beside_it(matcher):
    # 2025 is on the page (the press conference of the 20th), but the sentence with the 68 million says 去年: 2024
    def doses(year: int) -> Claim:
        return claim(f"About 68 million doses of flu vaccine were administered nationwide in {year}.")

    wrong, right = matcher.analyse(doses(2025), doc(FLU)), matcher.analyse(doses(2024), doc(FLU))
    assert wrong.features["stated_otherwise"] == 1 and right.features["stated_otherwise"] == 0
    assert matcher.match(doses(2025), doc(FLU)).score < matcher.match(doses(2024), doc(FLU)).score


@pytest.mark.parametrize("text, word", [
    ("Firms advertise to influence consumer preferences.", "Firms"),
    ("Airplane glide ratio is expressed as a ratio.", "Airplane"),
    ("Exposure to toxins is an environmental factor that can cause epigenetic changes.", "Exposure"),
])
def test_an_ordinary_word_opening_the_claim_is_no_name(matcher, text, word):
    # a capitalised first word was a name, a key part: missing, it made the claim "state too few names"
    from factcheck.match.retrieve import prepare_claim

    parts = {p.text: p.kind for p in prepare_claim(claim(text), False).parts}
    assert parts[word] == "word"


def test_a_quotation_that_leaves_words_out_is_found_in_its_fragments(matcher):
    page = doc("Casting calls went out in March. The new video, which debuted on Friday morning, is mature, "
               "tasteful, and, dare I say... sexy? Critics agreed.")
    right = matcher.match(claim('A critic called the video "mature, tasteful, and [...] sexy".'), page)
    assert 'mature, tasteful, and [...] sexy' not in right.missing, right
    # the fragments must come in the quotation's order
    wrong = matcher.match(claim('A critic called the video "sexy, and [...] mature".'), page)
    assert 'sexy, and [...] mature' in wrong.missing, wrong


@pytest.mark.parametrize("text, name", [
    ("Using ECharts Java, developers can create interactive charts.", "ECharts Java"),
    ("Today the Michigan Department of Transportation building is named after him.",
     "Michigan Department of Transportation"),
    ("He starred in Born Free in 1966.", "Born Free"),  # an opener inside the sentence is part of a title
])
def test_an_opener_is_no_part_of_the_name_that_follows_it(text, name):
    # "Using ECharts Java" was one name, and a page that names ECharts Java without "using" missed it
    from factcheck.match.retrieve import prepare_claim

    assert name in [p.text for p in prepare_claim(claim(text), False).parts if p.kind == "name"]


@pytest.mark.parametrize("text, name", [
    ("Musk left the board in 2018.", "Musk"),
    ("Apple sold more phones than ever.", "Apple"),
    ("Viber had 800 million registered users.", "Viber"),
    ("NASA launched the probe in 2006.", "NASA"),
])
def test_a_name_opening_the_claim_stays_a_name(text, name):
    from factcheck.match.retrieve import prepare_claim

    parts = {p.text: p.kind for p in prepare_claim(claim(text), False).parts}
    assert parts[name] == "name"


def test_a_claim_opening_with_an_ordinary_word_the_page_lacks_is_not_short_of_names(matcher):
    page = ("The glide ratio of a glider is the distance it travels forward for each unit of height it loses. "
            "It is expressed as a ratio, such as 30:1.")
    verdict = matcher.match(claim("Airplane glide ratio is expressed as a ratio."), doc(page))
    assert "names" not in verdict.explanation, verdict


@pytest.mark.parametrize("claim_text, source_text, same", [
    ("最大风力达15级", "于15时前后登陆", False),  # a level is not an hour
    ("最大风力达15级", "maximum winds of force 15", True),  # a bare number in another language still backs it
    ("客场2比1战胜云川雄鹰", "客场1比2不敌云川雄鹰", False),  # one result, in its order
    ("以10比7领先结束当天的比赛", "letting Williams in to clear for a 10-7 lead", True),
    ("a 3-1 win over Japan", "中国女排3比1逆转日本队", True),
])
def test_counts_and_results_compare_as_one_quantity(claim_text, source_text, same):
    [a] = quantities(claim_text)
    [b] = quantities(source_text)
    assert same_value(a, b) is same


@pytest.mark.parametrize("text", ["pages 10-12 of the report", "children aged 3-5"])
def test_a_range_is_no_result(text):
    assert all(q.kind != "score" for q in quantities(text))


@pytest.mark.parametrize("text", ["The Flames lost to the Wild 4-2.", "He took the first set 6–0, then lost.",
                                  "The match between Italy and Bulgaria ended 1-1.", "Williams 10-7 Up Overnight"])
def test_a_result_that_ends_a_sentence_or_clause_is_one_quantity(text):
    assert [q.kind for q in quantities(text)] == ["score"]


@pytest.mark.parametrize("text", ["won 2-1.5 on points", "a win, by 1-2,3 margins"])
def test_a_decimal_or_a_list_after_a_dash_is_no_result(text):
    assert all(q.kind != "score" for q in quantities(text))


TYPHOON = ("台风“白鹭”在浙江温岭登陆\n2024-09-10 07:00 来源：新华网\n"
           "据中央气象台消息，台风“白鹭”于9日15时40分前后在浙江温岭沿海登陆，登陆时中心附近最大风力13级。\n"
           "中超第28轮：临江蓝鲸客场1比2不敌云川雄鹰。")


@pytest.mark.parametrize("text", ["台风“白鹭”登陆时中心附近最大风力达15级。", "中超第28轮，临江蓝鲸客场2比1战胜云川雄鹰。"])
def test_a_chinese_count_or_result_given_otherwise_is_not_supported(matcher, text):
    verdict = matcher.match(claim(text), doc(TYPHOON))
    assert verdict.verdict != "supported", verdict


def test_a_time_of_day_is_no_count():
    # a dateline's 08:15 backed the 8 of 沿线共设有8座车站 (the page: 6座)
    assert [(q.kind, q.raw) for q in quantities("2020-11-30 08:15 来源：新华网")] == [
        ("date", "2020-11-30"), ("time", "08:15")]
    [eight] = quantities("沿线共设有8座车站")
    assert not any(same_value(eight, q) for q in quantities("2020-11-30 08:15 来源：新华网"))
    [meeting] = quantities("at 10:30 a.m.")
    assert same_value(meeting, quantities("the 10:30 session")[0]) and not same_value(meeting, quantities("10 people")[0])


def test_last_year_as_the_base_of_a_comparison_dates_nothing():
    from factcheck.match.quantities import relative_dates

    text = "今年全国高考报名人数为1360万人，比去年增加18万人，去年同期为1342万人。"
    assert [(q.raw, q.date) for q in relative_dates(text, (2026, 6, 1))] == [("今年", (2026, 0, 0))]
    assert [q.date for q in relative_dates("去年全国共报告流感疫苗接种约6800万剂次。", (2025, 10, 21))] == [(2024, 0, 0)]


def test_a_chinese_pages_sentences_share_one_string_per_bigram():
    # a page repeats its bigrams from sentence to sentence; each sentence keeping its own copy doubled a big Chinese
    # page's index (bench/big_pages.py: 104 -> 59 MB with one string per distinct bigram)
    from factcheck.extract import document_from_text
    from factcheck.match.retrieve import build_index

    idx = build_index(document_from_text("https://e.org/a", "上海地铁今天开通。\n上海地铁明天停运。"))
    first, second = ({t: t for t in c} for c in idx.counts)
    assert first["上海"] == second["上海"] and first["上海"] is second["上海"]
    assert first["地铁"] is second["地铁"]


def test_the_matcher_keeps_indexes_within_a_sentence_budget(monkeypatch):
    # the pipeline matches one source at a time, so a big page's index kept after its turn only holds memory:
    # four 1M-character Chinese pages in a row kept four indexes of about 100 MB each (bench/big_pages.py)
    from factcheck.extract import document_from_text
    from factcheck.match import default

    monkeypatch.setattr(default, "INDEX_CACHE_SENTENCES", 5)
    m = default.DefaultMatcher()
    pages = [document_from_text(f"https://e.org/{k}", f"Page {k} one. Page {k} two. Page {k} three.") for k in range(3)]
    first = m.index(pages[0])
    assert m.index(pages[0]) is first  # kept while within the budget
    m.index(pages[1])  # six sentences in all: the oldest goes
    assert [i.n for i in m._index.values()] == [3]
    assert m.index(pages[0]) is not first  # rebuilt, and now the one kept
    monkeypatch.setattr(default, "INDEX_CACHE_SENTENCES", 2)
    assert m.index(pages[2]).n == 3 and len(m._index) == 1  # the page in use is kept even over the budget
    monkeypatch.setattr(default, "INDEX_CACHE_SENTENCES", 1000)
    monkeypatch.setattr(default, "INDEX_CACHE_DOCS", 2)
    for page in pages:
        m.index(page)
    assert len(m._index) == 2


def _digest(article: str, other: str) -> tuple[str, str]:
    """A news digest holding ``article`` and, from another report, the line ``other``: right after the
    article, and 45 unrelated lines further down."""
    filler = "".join(f"Item {n}: the weather stayed mild and the markets were calm across the region.\n"
                     for n in range(45))
    return "News digest\n" + article + other + filler, "News digest\n" + article + filler + other


def test_a_claim_part_stated_only_in_another_report_far_down_the_page_is_absent(matcher):
    # a digest or portal page states other reports' years and names; the claim's must be stated near
    # its evidence (or in the page's first lines) to count as stated on the page
    article = ("Acme Genomics launched its genetic testing service, letting users send cheek swabs "
               "to its laboratory. The kits sold out within a month.\n")
    near_page, away_page = _digest(article, "A jazz festival was first held in the old harbour in 2018.\n")
    claim_text = "Acme Genomics launched its genetic testing service in 2018."
    near = matcher.analyse(claim(claim_text), doc(near_page)).features
    away = matcher.analyse(claim(claim_text), doc(away_page)).features
    assert near["absent_cov"] == 0 and near["key_doc"] == 1
    # the page states 2018, but not near the claim: absent, and the claim's key parts not all stated
    assert away["absent_cov"] > 0 and away["key_doc"] < 1 and away["part_only"] == 1
    assert near["part_only"] == 0
    a = matcher.match(claim(claim_text), doc(away_page))
    b = matcher.match(claim(claim_text), doc(near_page))
    assert a.score < b.score, (a, b)


def test_claim_words_stated_only_in_another_report_far_down_the_page_do_not_count(matcher):
    # the page-wide share of the claim's words (doc_terms) reads the page around the evidence too: on a
    # digest, another report's "apprentices" is not the claim's
    article = ("Acme Genomics opened a laboratory in Leeds. The site employs forty chemists. "
               "Its building cost nine million pounds.\n")
    near_page, away_page = _digest(article, "A shipyard down the coast trains welders and apprentices.\n")
    claim_text = ("Acme Genomics opened a laboratory in Leeds that employs forty chemists and apprentices "
                  "and cost nine million pounds.")
    near = matcher.analyse(claim(claim_text), doc(near_page)).features
    away = matcher.analyse(claim(claim_text), doc(away_page)).features
    assert near["doc_terms"] == 1.0
    assert away["doc_terms"] < near["doc_terms"], (near["doc_terms"], away["doc_terms"])
