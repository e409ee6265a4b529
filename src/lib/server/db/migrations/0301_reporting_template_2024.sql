-- The template for reporting year 2024 ("Mall för redovisning enligt förordning (2024:99) om resultatredovisning av
-- det regionala utvecklingsarbetet – frågor att besvara"), as data: next year's template is another migration
-- with year 2025, not a code change. Sub-questions of 5.1 are numbered 5.1a–5.1d.

insert into report_templates (year, title) values
  (2024, 'Mall för redovisning enligt förordning (2024:99) om resultatredovisning av det regionala utvecklingsarbetet – frågor att besvara');

insert into report_template_sections (template_year, number, title, char_limit) values
  (2024, 1, 'Likvärdiga möjligheter till boende, arbete och välfärd', 11000),
  (2024, 2, 'Kompetensförsörjning och kompetensutveckling', 15000),
  (2024, 3, 'Innovation och förnyelse samt entreprenörskap och företagande', 15000),
  (2024, 4, 'Tillgänglighet genom digital kommunikation och transportsystemet', 11000),
  (2024, 5, 'Anslag 1:1 Regionala utvecklingsåtgärder', 8000),
  (2024, 6, 'Analys, uppföljning och utvärdering', 5000);

insert into report_template_instructions (template_year, section_number, position, text) values
  (2024, 1, 1, 'Ange i frågorna 1.1–1.3 vilka aktörer (kommuner, statliga myndigheter inklusive länsstyrelser, organisationer, till exempel det civila samhällets organisationer, och näringslivet) ni har samverkat med inom detta område samt hur samverkan har bedrivits och fungerat.'),
  (2024, 1, 2, 'Beskriv genomgående i frågorna 1.1–1.3 eventuella utmaningar och framgångsfaktorer i genomförandet.'),
  (2024, 2, 1, 'Ange i frågorna 2.1–2.5 vilka aktörer (kommuner, statliga myndigheter inklusive länsstyrelser, organisationer, till exempel det civila samhällets organisationer, och näringslivet) ni har samverkat med inom detta område samt hur samverkan har bedrivits och fungerat.'),
  (2024, 2, 2, 'Beskriv genomgående i frågorna 2.1–2.5 eventuella utmaningar och framgångsfaktorer i genomförandet.'),
  (2024, 3, 1, 'Ange i frågorna 3.1–3.3 vilka aktörer (kommuner, statliga myndigheter inklusive länsstyrelser, organisationer, till exempel det civila samhällets organisationer, och näringslivet) ni har samverkat med inom detta område samt hur samverkan har bedrivits och fungerat.'),
  (2024, 3, 2, 'Beskriv genomgående i frågorna 3.1–3.3 eventuella utmaningar och framgångsfaktorer i genomförandet.'),
  (2024, 4, 1, 'Ange i frågorna 4.1–4.3 vilka aktörer (kommuner, statliga myndigheter inklusive länsstyrelser, organisationer, till exempel det civila samhällets organisationer, och näringslivet) ni har samverkat med inom detta område samt hur samverkan har bedrivits och fungerat.'),
  (2024, 4, 2, 'Beskriv genomgående i frågorna 4.1–4.3 eventuella utmaningar och framgångsfaktorer i genomförandet.'),
  (2024, 5, 1, 'Beskriv genomgående i frågorna 5.1–5.3 eventuella utmaningar och framgångsfaktorer i genomförandet.'),
  (2024, 6, 1, 'Ange i frågorna 6.1–6.3 vilka aktörer (kommuner, statliga myndigheter inklusive länsstyrelser, organisationer, till exempel det civila samhällets organisationer, och näringslivet) ni har samverkat med inom detta område samt hur samverkan har bedrivits och fungerat.'),
  (2024, 6, 2, 'Beskriv genomgående i frågorna 6.1–6.3 eventuella utmaningar och framgångsfaktorer i genomförandet.');

insert into report_template_questions (template_year, section_number, number, position, kind, text, lead, choices, conditional_text, note, required) values
  (2024, 1, '1.1', 1, 'text', 'Beskriv hur det strategiskt viktigaste arbetet inom detta område har genomförts.', null, null, null, null, false),
  (2024, 1, '1.2', 2, 'text', 'Beskriv hur ni inom detta område har arbetat med att integrera ekonomisk, social och miljömässig hållbarhet för att möta samhällsutmaningarna.', null, null, null, null, false),
  (2024, 1, '1.3', 3, 'text', 'Beskriv hur ni har beaktat olika territoriella perspektiv i arbetet inom detta område.', null, null, null, null, false),
  (2024, 1, '1.4', 4, 'text', 'Beskriv vilka prestationer ni har uppnått under året inom detta område samt vilka mål prestationerna bidrar till.', null, null, null, 'Definitioner och exempel på resultat i form av prestationer och effekter, samt gällande mål, finns på sidorna 3–4 i Anvisningar.', false),
  (2024, 1, '1.5', 5, 'effects', 'Om möjligt, beskriv vilka effekter ni har uppnått under året inom detta område samt vilka mål effekterna bidrar till. Ange om ni baserar resultatbeskrivningen på en uppföljning, utvärdering eller egen bedömning.', null, null, null, 'Definitioner och exempel på resultat i form av prestationer och effekter, samt gällande mål, finns på sidorna 3–4 i Anvisningar.', false),
  (2024, 2, '2.1', 1, 'text', 'Beskriv hur ni har arbetat med fastställda mål och prioriteringar för regionens kompetensförsörjningsarbete.', null, null, null, null, false),
  (2024, 2, '2.2', 2, 'text', 'Beskriv hur ni har arbetat med bedömningar av länets kompetensbehov inom offentlig och privat sektor på kort och lång sikt.', null, null, null, null, false),
  (2024, 2, '2.3', 3, 'text', 'Beskriv hur ytterligare strategiskt viktigt arbete inom detta område har genomförts.', null, null, null, null, false),
  (2024, 2, '2.4', 4, 'text', 'Beskriv hur ni inom detta område har arbetat med att integrera ekonomisk, social och miljömässig hållbarhet för att möta samhällsutmaningarna.', null, null, null, null, false),
  (2024, 2, '2.5', 5, 'text', 'Beskriv hur ni har beaktat olika territoriella perspektiv i arbetet inom detta område.', null, null, null, null, false),
  (2024, 2, '2.6', 6, 'text', 'Beskriv vilka prestationer ni har uppnått under året inom detta område samt vilka mål prestationerna bidrar till.', null, null, null, 'Definitioner och exempel på resultat i form av prestationer och effekter, samt gällande mål, finns på sidorna 3–4 i Anvisningar.', false),
  (2024, 2, '2.7', 7, 'effects', 'Om möjligt, beskriv vilka effekter ni har uppnått under året inom detta område samt vilka mål effekterna bidrar till. Ange om ni baserar resultatbeskrivningen på en uppföljning, utvärdering eller egen bedömning.', null, null, null, 'Definitioner och exempel på resultat i form av prestationer och effekter, samt gällande mål, finns på sidorna 3–4 i Anvisningar.', false),
  (2024, 3, '3.1', 1, 'text', 'Beskriv hur det strategiskt viktigaste arbetet inom detta område har genomförts.', null, null, null, null, false),
  (2024, 3, '3.2', 2, 'text', 'Beskriv hur ni inom detta område har arbetat med att integrera ekonomisk, social och miljömässig hållbarhet för att möta samhällsutmaningarna.', null, null, null, null, false),
  (2024, 3, '3.3', 3, 'text', 'Beskriv hur ni har beaktat olika territoriella perspektiv i arbetet inom detta område.', null, null, null, null, false),
  (2024, 3, '3.4', 4, 'text', 'Beskriv vilka prestationer ni har uppnått under året inom detta område samt vilka mål prestationerna bidrar till.', null, null, null, 'Definitioner och exempel på resultat i form av prestationer och effekter, samt gällande mål, finns på sidorna 3–4 i Anvisningar.', false),
  (2024, 3, '3.5', 5, 'effects', 'Om möjligt, beskriv vilka effekter ni har uppnått under året inom detta område samt vilka mål effekterna bidrar till. Ange om ni baserar resultatbeskrivningen på en uppföljning, utvärdering eller egen bedömning.', null, null, null, 'Definitioner och exempel på resultat i form av prestationer och effekter, samt gällande mål, finns på sidorna 3–4 i Anvisningar.', false),
  (2024, 4, '4.1', 1, 'text', 'Beskriv hur det strategiskt viktigaste arbetet inom detta område har genomförts.', null, null, null, null, false),
  (2024, 4, '4.2', 2, 'text', 'Beskriv hur ni inom detta område har arbetat med att integrera ekonomisk, social och miljömässig hållbarhet för att möta samhällsutmaningarna.', null, null, null, null, false),
  (2024, 4, '4.3', 3, 'text', 'Beskriv hur ni har beaktat olika territoriella perspektiv i arbetet inom detta område.', null, null, null, null, false),
  (2024, 4, '4.4', 4, 'text', 'Beskriv vilka prestationer ni har uppnått under året inom detta område samt vilka mål prestationerna bidrar till.', null, null, null, 'Definitioner och exempel på resultat i form av prestationer och effekter, samt gällande mål, finns på sidorna 3–4 i Anvisningar.', false),
  (2024, 4, '4.5', 5, 'effects', 'Om möjligt, beskriv vilka effekter ni har uppnått under året inom detta område samt vilka mål effekterna bidrar till. Ange om ni baserar resultatbeskrivningen på en uppföljning, utvärdering eller egen bedömning.', null, null, null, 'Definitioner och exempel på resultat i form av prestationer och effekter, samt gällande mål, finns på sidorna 3–4 i Anvisningar.', false),
  (2024, 5, '5.1a', 1, 'choice', 'den regionala utvecklingsstrategin?', '5.1 Har anslaget bidragit till att nå målen i:', array['yes', 'no'], 'Om ja, beskriv hur anslaget har bidragit till att nå målen. Om nej, beskriv varför anslaget inte har bidragit till att nå målen.', null, true),
  (2024, 5, '5.1b', 2, 'choice', 'nationellt och regionala program för Europeiska regionala utvecklingsfonden?', null, array['yes', 'no'], 'Om ja, beskriv hur anslaget har bidragit till att nå målen. Om nej, beskriv varför anslaget inte har bidragit till att nå målen.', null, true),
  (2024, 5, '5.1c', 3, 'choice', 'program för Europeiskt territoriellt samarbete (Interreg)?', null, array['yes', 'no'], 'Om ja, beskriv hur anslaget har bidragit till att nå målen. Om nej, beskriv varför anslaget inte har bidragit till att nå målen.', null, true),
  (2024, 5, '5.1d', 4, 'choice', 'i förekommande fall omställningsplanen för Fonden för en rättvis omställning?', null, array['yes', 'no', 'na'], 'Om ja, beskriv hur anslaget har bidragit till att nå målen. Om nej, beskriv varför anslaget inte har bidragit till att nå målen.', null, true),
  (2024, 5, '5.2', 5, 'text', 'Beskriv hur hänsyn till ekonomisk, social (inklusive jämställdhet och integration) och miljömässig hållbarhet har påverkat regionens beslut om medel till projektverksamhet, regionala företagsstöd och stöd till kommersiell service.', null, null, null, null, false),
  (2024, 5, '5.3', 6, 'text', 'Beskriv hur olika territoriella perspektiv har beaktats och påverkat beslut om medel.', null, null, null, null, false),
  (2024, 6, '6.1', 1, 'text', 'Beskriv hur ni har tagit tillvara erfarenheter och kunskaper från analyser, uppföljningar och utvärderingar i det regionala utvecklingsarbetet.', null, null, null, null, false),
  (2024, 6, '6.2', 2, 'text', 'Beskriv hur ekonomisk, social och miljömässig hållbarhet har integrerats i analyser, uppföljningar och utvärderingar.', null, null, null, null, false),
  (2024, 6, '6.3', 3, 'text', 'Beskriv hur olika territoriella perspektiv har beaktats i analyser, uppföljningar och utvärderingar.', null, null, null, null, false);
