#!/usr/bin/env python3
"""A Hugo site with a given number of pages, for timing Hugo beside sosei.

Each page carries Japanese prose of the length sosei's synthetic pages have (from the
same sentences), a small table and a heading or two, under a minimal template; no
charts. Section and taxonomy pages are switched off, so that Hugo writes exactly the
pages asked for.

    python3 benches/hugo_site.py --pages 3871 --out /tmp/hugo-m
    hugo --source /tmp/hugo-m --quiet
"""
import argparse, os, shutil

SENTENCES = [
    "新型コロナウイルス感染症の影響により、本来想定していた事業を実施できなかったものの、関係機関と連携した取り組みは着実に進んでいます。",
    "引き続き教育機関や産業界と連携し、市内企業を知ってもらう取り組みや長岡で暮らす魅力の発信など若者の地元定着に向けた取り組みを進めていきます。",
    "相談件数は前年度を上回るなど、市民の関心は高まっており、今後の成果につながるものと考えます。",
    "担い手の高齢化により、今後は取り組みが思うように進まなくなる可能性があるため、早めの対策が必要です。",
    "市政だよりやPR動画の放映による事業周知に加え、電子による受付の周知に力を入れたことも増加の要因と考えます。",
    "地域と一体となった取り組みを進めていく必要があり、地域の団体との連携を強化していきます。",
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "layouts", "_default"))
    with open(os.path.join(a.out, "config.toml"), "w") as f:
        f.write('baseURL = "/"\nlanguageCode = "ja"\ntitle = "見本市"\n'
                'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "section", "robotsTXT", "404"]\n')
    page = ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
            '<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n')
    for name in ("single.html", "list.html"):
        with open(os.path.join(a.out, "layouts", "_default", name), "w") as f:
            f.write(page)
    # The home page counts as one page.
    content = os.path.join(a.out, "content")
    os.makedirs(content)
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write("---\ntitle: 見本市\n---\n" + SENTENCES[0] + "\n")
    for i in range(a.pages - 1):
        folder = os.path.join(content, f"p{i // 1000:03d}")
        os.makedirs(folder, exist_ok=True)
        prose = "".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(6))
        body = (f"---\ntitle: ページ{i}\n---\n## 事業の概要\n\n{prose}\n\n## 事業の成果等\n\n{prose}\n\n"
                f"| 項目 | 内容 |\n| --- | --- |\n| 実施日 | R3.10.{i % 28 + 1} |\n| 参加者数 | {i % 500}人 |\n")
        with open(os.path.join(folder, f"page{i}.md"), "w") as f:
            f.write(body)

if __name__ == "__main__":
    main()
