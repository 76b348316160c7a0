// tools/normalization_ceiling.py on the knowledge-base fixture tree: which gold
// identifiers ../shared names anywhere, the gold corpus's own documents held out, and
// how many mentions a prediction links right.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_paths.h"

namespace biotator {
namespace {

// Document 900 is also in the fixture's BC5CDR Train and disease mention pairs, the only
// places naming its Disease D000001 and Gene 99999: held out as a gold document, they
// count as named nowhere. Document 950 is nowhere else: its identifiers are named by
// gene_info (3552), the chemical MeSH mappings (C000082) and MeSH (D001943).
constexpr const char* kGold =
    "900|t|Secretoma in rats.\n"
    "900|a|The secretoma gene Sekr1 was studied.\n"
    "900\t0\t9\tSecretoma\tDiseaseOrPhenotypicFeature\tD000001\n"
    "900\t38\t43\tSekr1\tGeneOrGeneProduct\t99999\n"
    "\n"
    "950|t|IL1A, alanosine and breast cancer.\n"
    "950|a|Nothing more.\n"
    "950\t0\t4\tIL1A\tGeneOrGeneProduct\t3552\n"
    "950\t6\t15\talanosine\tChemicalEntity\tC000082\n"
    "950\t20\t33\tbreast cancer\tDiseaseOrPhenotypicFeature\tD001943\n"
    "\n";
// IL1A and breast cancer right; alanosine, Secretoma and Sekr1 unlinked.
constexpr const char* kPredicted =
    "900|t|Secretoma in rats.\n"
    "900|a|The secretoma gene Sekr1 was studied.\n"
    "900\t0\t9\tSecretoma\tDisease\t-\n"
    "900\t38\t43\tSekr1\tGene\t-\n"
    "\n"
    "950|t|IL1A, alanosine and breast cancer.\n"
    "950|a|Nothing more.\n"
    "950\t0\t4\tIL1A\tGene\t3552\n"
    "950\t6\t15\talanosine\tChemical\t-\n"
    "950\t20\t33\tbreast cancer\tDisease\tMESH:D001943\n"
    "\n";

TEST(NormalizationCeilingTest, CountsIdentifiersNamedNowhereOutsideTheGoldDocuments) {
  if (std::system("python3 -c 'import xml.etree.ElementTree' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 not available";
  const std::string shared = testing::fixture_tree("kbn_shared");
  const std::string gold = testing::temp_path("ceiling_gold.pubtator");
  const std::string predicted = testing::temp_path("ceiling_predicted.pubtator");
  const std::string report = testing::temp_path("ceiling_report.txt");
  std::ofstream(gold, std::ios::binary) << kGold;
  std::ofstream(predicted, std::ios::binary) << kPredicted;
  const std::string command = "python3 '" + testing::source_dir() + "/tools/normalization_ceiling.py' '" + shared +
                              "' '" + gold + "' '" + predicted + "' > '" + report + "' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const std::string text = testing::read_file(report);
  // class, mentions, named nowhere, ceiling %, right, now %, wrong but named.
  EXPECT_NE(text.find("Gene               2              1      50.00       1   50.00             0"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Chemical           1              0     100.00       0    0.00             1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Disease            2              1      50.00       1   50.00             0"), std::string::npos)
      << text;
  std::filesystem::remove(gold);
  std::filesystem::remove(predicted);
  std::filesystem::remove(report);
}

}  // namespace
}  // namespace biotator
