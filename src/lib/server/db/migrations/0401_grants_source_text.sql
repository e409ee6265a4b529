-- Corrects a doubled phrase in the source text of the home delivery share seeded by 0400.
update grant_rule_parameters
set source = 'Förordning (2000:284) om stöd till kommersiell service, i lydelse enligt SFS 2010:1709: högst 50 procent av kommunens nettokostnad.'
where key = 'hemsandning.andel_procent' and changed_by is null
  and source like 'Förordning (2000:284) om stöd till kommersiell service om stöd till kommersiell service%';
