# Writes the test pages of this folder (run here: python make_pages.py). The texts were written for
# these tests; each page is saved in the encoding its name says (labelled in its <meta> or not).
from pathlib import Path

def page(title, paras, charset_meta=None, lang="de"):
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title}</title></head><body>'
            f'<nav><a href="/">Start</a></nav><article><h1>{title}</h1>{body}</article>'
            f'<footer>Impressum</footer></body></html>')

DE = ["Die Standardausführung ist weiß lackiert und wiegt 12 kg.", "Größere Modelle gibt es auf Anfrage; die Lieferzeit beträgt vier Wochen.",
      "Für Rückfragen steht unser Kundendienst werktags zur Verfügung."]
ZH = ["马斯克在2015年共同创立了OpenAI，并承诺投入十亿美元。", "这家公司最初是一个非营利组织，总部设在旧金山。", "二零一八年，马斯克离开了董事会。"]
ZH_TW = ["臺灣的高速鐵路於二零零七年通車，連接臺北與高雄。", "全程約三百五十公里，最快九十分鐘可以抵達。", "每天有超過一百班列車往返南北。"]
JA = ["東京スカイツリーは二〇一二年に開業した電波塔です。", "高さは六百三十四メートルで、世界一高いタワーとして認定されました。", "展望台からは富士山が見えることもあります。"]
RU = ["Московский метрополитен открылся в 1935 году.", "Первая линия соединила Сокольники и Парк культуры.", "Сегодня в метро более двухсот пятидесяти станций."]
PL = ["Wisła jest najdłuższą rzeką w Polsce i ma ponad tysiąc kilometrów.", "Źródła rzeki leżą w Beskidzie Śląskim, a ujście w Zatoce Gdańskiej.", "Nad Wisłą leżą Kraków, Warszawa i Toruń."]
FR = ["Le café « Aux Deux Magots » a ouvert ses portes en 1885 à Paris.", "On y servait déjà des crêpes, du thé et des brioches – pour 2 €.", "Œuvres d’art et écrivains célèbres ont fait sa réputation."]
EL = ["Η Ακρόπολη των Αθηνών χτίστηκε τον πέμπτο αιώνα π.Χ.", "Ο Παρθενώνας είναι αφιερωμένος στη θεά Αθηνά.", "Κάθε χρόνο την επισκέπτονται εκατομμύρια τουρίστες."]
KO = ["서울 지하철은 1974년에 처음 개통되었습니다.", "현재 아홉 개의 노선이 운행되고 있습니다.", "하루 이용객은 칠백만 명이 넘습니다."]
HI = ["ताजमहल आगरा में स्थित है। इसे शाहजहाँ ने बनवाया था। यह सफ़ेद संगमरमर से बना है॥"]
AR = ["هل تعرف متى بنيت الأهرامات؟ بنيت قبل أكثر من أربعة آلاف سنة. وهي في الجيزة."]
TH = [" ".join(["กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย มีประชากรมากกว่าสิบล้านคน"] * 12)]

out = Path(".")
def w(name, data): (out / name).write_bytes(data)
w("utf8-stray-byte.html", page("Standardausführung", DE, "utf-8").encode("utf-8").replace(b"</article>", b"<p>\x96</p></article>"))
w("utf8-undeclared-stray.html", page("Standardausführung", DE).encode("utf-8").replace(b"</article>", b"<p>\x96</p></article>"))
w("gbk-labelled.html", page("测试页面", ZH, "gbk", "zh").encode("gbk"))
w("gbk-unlabelled.html", page("测试页面", ZH, None, "zh").encode("gbk"))
w("big5.html", page("高速鐵路", ZH_TW, "big5", "zh-TW").encode("big5"))
w("shift-jis.html", page("東京スカイツリー", JA, "shift_jis", "ja").encode("cp932"))
w("koi8-r.html", page("Метрополитен", RU, "koi8-r", "ru").encode("koi8_r"))
w("windows-1250.html", page("Wisła", PL, "windows-1250", "pl").encode("cp1250"))
w("windows-1252.html", page("Café", FR, "windows-1252", "fr").encode("cp1252"))
w("cp1252-labelled-latin1.html", page("Café", FR, "iso-8859-1", "fr").encode("cp1252"))
w("iso-8859-7.html", page("Ακρόπολη", EL, "iso-8859-7", "el").encode("iso8859_7"))
w("euc-kr.html", page("서울 지하철", KO, "euc-kr", "ko").encode("cp949"))
w("utf8-unlabelled.html", page("Wisła", PL, None, "pl").encode("utf-8"))
w("hindi.html", page("ताजमहल", HI, "utf-8", "hi").encode("utf-8"))
w("arabic.html", page("الأهرامات", AR, "utf-8", "ar").encode("utf-8"))
w("thai.html", page("กรุงเทพมหานคร", TH, "utf-8", "th").encode("utf-8"))
w("utf16-bom.html", b"\xff\xfe" + page("Standardausführung", DE, None).encode("utf-16-le"))
