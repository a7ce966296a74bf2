from companion.i18n import strings


def test_both_languages_have_the_same_keys_and_placeholders():
    import re

    english, italian = strings("en"), strings("it")
    assert english.keys() == italian.keys()
    for key in english:
        assert set(re.findall(r"{(\w+)}", english[key])) == set(re.findall(r"{(\w+)}", italian[key])), key
